using System.Text.Json.Serialization;

namespace Registry.Grains.Consents;

/// <summary>A user's approval for one client as stored (inside <see cref="ConsentState"/>).</summary>
[GenerateSerializer]
[Alias("Registry.StoredConsent")]
public sealed record StoredConsent
{
    [Id(0), JsonPropertyName("ClientId")] public string ClientId { get; init; } = "";
    [Id(1), JsonPropertyName("Scopes")] public string[] Scopes { get; init; } = [];
    [Id(2), JsonPropertyName("Resources")] public string[] Resources { get; init; } = [];
    [Id(3), JsonPropertyName("GrantedAt")] public DateTimeOffset GrantedAt { get; init; }
    [Id(4), JsonPropertyName("UpdatedAt")] public DateTimeOffset UpdatedAt { get; init; }
}
