using System.Text.Json.Serialization;
using Registry.Protocol.Metadata;
using Registry.Protocol.Tenancy;

namespace Registry.Grains.Tenants;

/// <summary>
/// A runtime tenant's registration policy as stored (inside <see cref="StoredTenantDefinition"/>): its own shape,
/// separate from the protocol core's <see cref="RegistrationPolicy"/>. Member names are pinned, and so are the
/// values a missing member stands for. <see cref="RegistrationPolicy.AllowLocalUrls"/> is not stored: the silo's
/// environment decides it. Lists are null where null means "no restriction".
/// </summary>
/// <remarks>
/// <see cref="Mode"/> and <see cref="OnDisallowed"/> are stored by their wire names ("admin_token", "reject", ...),
/// never as enum numbers; an unknown name (written by a later version) reads as the default.
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

    /// <summary>Resource indicators (RFC 8707) clients may ask tokens for; written only when there are any (tenant version 4).</summary>
    [Id(12), JsonPropertyName("AllowedResources"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string[]? AllowedResources { get; init; }

    /// <summary>When an unused open registration is removed (0: never); written only when not the default, one day (tenant version 4).</summary>
    [Id(13), JsonPropertyName("RemoveUnusedOpenClientsAfterSeconds"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? RemoveUnusedOpenClientsAfterSeconds { get; init; }

    /// <summary>What a missing <see cref="RemoveUnusedOpenClientsAfterSeconds"/> stands for (pinned here, not taken from the protocol core).</summary>
    internal const int DefaultRemoveUnusedOpenClientsAfterSeconds = 86_400;

    public static StoredRegistrationPolicy From(RegistrationPolicy p) => new()
    {
        AllowedScopes = [.. p.AllowedScopes],
        DefaultScope = p.DefaultScope,
        DefaultGrantTypes = [.. p.DefaultGrantTypes],
        DefaultTokenLifetimeSeconds = p.DefaultTokenLifetimeSeconds,
        MinTokenLifetimeSeconds = p.MinTokenLifetimeSeconds,
        MaxTokenLifetimeSeconds = p.MaxTokenLifetimeSeconds,
        Mode = RegistrationModes.ToWire(p.Mode),
        AllowedGrantTypes = p.AllowedGrantTypes?.ToArray(),
        AllowedResponseTypes = p.AllowedResponseTypes?.ToArray(),
        AllowedAuthMethods = p.AllowedAuthMethods?.ToArray(),
        RedirectUriHosts = p.RedirectUriHosts?.ToArray(),
        OnDisallowed = DisallowedHandlings.ToWire(p.OnDisallowed),
        AllowedResources = p.AllowedResources.Count > 0 ? [.. p.AllowedResources] : null,
        RemoveUnusedOpenClientsAfterSeconds = p.RemoveUnusedOpenClientsAfterSeconds == DefaultRemoveUnusedOpenClientsAfterSeconds ? null : p.RemoveUnusedOpenClientsAfterSeconds,
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
        Mode = RegistrationModes.TryParse(Mode, out var mode) ? mode : RegistrationMode.AdminToken,
        AllowedGrantTypes = AllowedGrantTypes,
        AllowedResponseTypes = AllowedResponseTypes,
        AllowedAuthMethods = AllowedAuthMethods,
        RedirectUriHosts = RedirectUriHosts,
        OnDisallowed = DisallowedHandlings.TryParse(OnDisallowed, out var handling) ? handling : DisallowedHandling.Reject,
        AllowLocalUrls = allowLocalUrls,
        AllowedResources = AllowedResources ?? [],
        RemoveUnusedOpenClientsAfterSeconds = RemoveUnusedOpenClientsAfterSeconds ?? DefaultRemoveUnusedOpenClientsAfterSeconds,
    };
}
