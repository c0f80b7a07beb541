using System.Text.Json.Serialization;
using Registry.Grains.Abstractions;

namespace Registry.Grains.Authorization;

/// <summary>
/// An <see cref="AuthorizationGrant"/> as stored (inside <see cref="RefreshTokenFamilyState"/>): its own shape with
/// pinned member names, so reshaping the grain message never changes what is stored.
/// </summary>
[GenerateSerializer]
[Alias("Registry.StoredAuthorizationGrant")]
public sealed record StoredAuthorizationGrant
{
    [Id(0), JsonPropertyName("ClientId")] public string ClientId { get; init; } = "";
    [Id(1), JsonPropertyName("RedirectUri")] public string RedirectUri { get; init; } = "";
    [Id(2), JsonPropertyName("CodeChallenge")] public string CodeChallenge { get; init; } = "";
    [Id(3), JsonPropertyName("Scope")] public string Scope { get; init; } = "";
    [Id(4), JsonPropertyName("Resources")] public string[] Resources { get; init; } = [];
    [Id(5), JsonPropertyName("Subject")] public string Subject { get; init; } = "";
    [Id(6), JsonPropertyName("IdentityProvider")] public string IdentityProvider { get; init; } = "";
    [Id(7), JsonPropertyName("AuthTime")] public DateTimeOffset AuthTime { get; init; }

    public static StoredAuthorizationGrant From(AuthorizationGrant g) => new()
    {
        ClientId = g.ClientId,
        RedirectUri = g.RedirectUri,
        CodeChallenge = g.CodeChallenge,
        Scope = g.Scope,
        Resources = [.. g.Resources],
        Subject = g.Subject,
        IdentityProvider = g.IdentityProvider,
        AuthTime = g.AuthTime,
    };

    public AuthorizationGrant ToGrant() => new(ClientId, RedirectUri, CodeChallenge, Scope, [.. Resources], Subject, IdentityProvider, AuthTime);
}
