using System.Text.Json.Serialization;
using Registry.Protocol.Metadata;

namespace Registry.Grains.Tenants;

/// <summary>
/// A runtime tenant's registration policy as stored (inside <see cref="StoredTenantDefinition"/>): its own shape,
/// separate from the protocol core's <see cref="RegistrationPolicy"/>. Member names are pinned, and so are the
/// values a missing member stands for. <see cref="RegistrationPolicy.AllowLocalUrls"/> is not stored: the silo's
/// environment decides it. Lists are null where null means "no restriction".
/// </summary>
/// <remarks>
/// <see cref="Mode"/>, <see cref="AllowedGrantTypes"/>, <see cref="AllowedResponseTypes"/>,
/// <see cref="AllowedAuthMethods"/>, <see cref="RedirectUriHosts"/> and <see cref="OnDisallowed"/> hold the
/// policy members of the registration modes (wire names: "admin_token", "reject", ...); they are mapped to and
/// from <see cref="RegistrationPolicy"/> in <see cref="From"/> and <see cref="ToPolicy"/> once the protocol core
/// has them.
/// </remarks>
[GenerateSerializer]
[Alias("Registry.StoredRegistrationPolicy")]
public sealed record StoredRegistrationPolicy
{
    [Id(0), JsonPropertyName("AllowedScopes")] public string[] AllowedScopes { get; init; } = [];
    [Id(1), JsonPropertyName("DefaultScope")] public string DefaultScope { get; init; } = "";
    [Id(2), JsonPropertyName("DefaultGrantTypes")] public string[] DefaultGrantTypes { get; init; } = ["authorization_code"];
    [Id(3), JsonPropertyName("DefaultTokenLifetimeSeconds")] public int DefaultTokenLifetimeSeconds { get; init; } = 1800;
    [Id(4), JsonPropertyName("MinTokenLifetimeSeconds")] public int MinTokenLifetimeSeconds { get; init; } = 60;
    [Id(5), JsonPropertyName("MaxTokenLifetimeSeconds")] public int MaxTokenLifetimeSeconds { get; init; } = 86_400;
    [Id(6), JsonPropertyName("Mode")] public string Mode { get; init; } = "admin_token";
    [Id(7), JsonPropertyName("AllowedGrantTypes")] public string[]? AllowedGrantTypes { get; init; }
    [Id(8), JsonPropertyName("AllowedResponseTypes")] public string[]? AllowedResponseTypes { get; init; }
    [Id(9), JsonPropertyName("AllowedAuthMethods")] public string[]? AllowedAuthMethods { get; init; }
    [Id(10), JsonPropertyName("RedirectUriHosts")] public string[]? RedirectUriHosts { get; init; }
    [Id(11), JsonPropertyName("OnDisallowed")] public string OnDisallowed { get; init; } = "reject";

    public static StoredRegistrationPolicy From(RegistrationPolicy p) => new()
    {
        AllowedScopes = [.. p.AllowedScopes],
        DefaultScope = p.DefaultScope,
        DefaultGrantTypes = [.. p.DefaultGrantTypes],
        DefaultTokenLifetimeSeconds = p.DefaultTokenLifetimeSeconds,
        MinTokenLifetimeSeconds = p.MinTokenLifetimeSeconds,
        MaxTokenLifetimeSeconds = p.MaxTokenLifetimeSeconds,
    };

    /// <summary>The policy served; <paramref name="allowLocalUrls"/> is the silo's (development) setting.</summary>
    public RegistrationPolicy ToPolicy(bool allowLocalUrls) => new()
    {
        AllowedScopes = AllowedScopes,
        DefaultScope = DefaultScope,
        DefaultGrantTypes = DefaultGrantTypes,
        DefaultTokenLifetimeSeconds = DefaultTokenLifetimeSeconds,
        MinTokenLifetimeSeconds = MinTokenLifetimeSeconds,
        MaxTokenLifetimeSeconds = MaxTokenLifetimeSeconds,
        AllowLocalUrls = allowLocalUrls,
    };
}
