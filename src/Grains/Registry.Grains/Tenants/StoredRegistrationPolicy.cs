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

    // Lifecycle members (tenant version 5), each written only when not the default (pinned in Default*).
    [Id(14), JsonPropertyName("SecretLifetimeSeconds"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? SecretLifetimeSeconds { get; init; }

    /// <summary>By wire name (never, on_update, near_expiry); an unknown name reads as never.</summary>
    [Id(15), JsonPropertyName("SecretRotation"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? SecretRotation { get; init; }

    [Id(16), JsonPropertyName("SecretOverlapSeconds"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? SecretOverlapSeconds { get; init; }

    [Id(17), JsonPropertyName("IdleDisableAfterSeconds"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? IdleDisableAfterSeconds { get; init; }

    [Id(18), JsonPropertyName("IdleDeleteAfterSeconds"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? IdleDeleteAfterSeconds { get; init; }

    [Id(19), JsonPropertyName("SigningKeyLifetimeSeconds"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? SigningKeyLifetimeSeconds { get; init; }

    internal const int DefaultSecretOverlapSeconds = 3600;
    internal const int DefaultSigningKeyLifetimeSeconds = 7_776_000;

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
        SecretLifetimeSeconds = p.SecretLifetimeSeconds == 0 ? null : p.SecretLifetimeSeconds,
        SecretRotation = p.SecretRotation == Protocol.Metadata.SecretRotation.Never ? null : SecretRotations.ToWire(p.SecretRotation),
        SecretOverlapSeconds = p.SecretOverlapSeconds == DefaultSecretOverlapSeconds ? null : p.SecretOverlapSeconds,
        IdleDisableAfterSeconds = p.IdleDisableAfterSeconds == 0 ? null : p.IdleDisableAfterSeconds,
        IdleDeleteAfterSeconds = p.IdleDeleteAfterSeconds == 0 ? null : p.IdleDeleteAfterSeconds,
        SigningKeyLifetimeSeconds = p.SigningKeyLifetimeSeconds == DefaultSigningKeyLifetimeSeconds ? null : p.SigningKeyLifetimeSeconds,
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
        SecretLifetimeSeconds = SecretLifetimeSeconds ?? 0,
        SecretRotation = SecretRotations.TryParse(SecretRotation, out var rotation) ? rotation : Protocol.Metadata.SecretRotation.Never,
        SecretOverlapSeconds = SecretOverlapSeconds ?? DefaultSecretOverlapSeconds,
        IdleDisableAfterSeconds = IdleDisableAfterSeconds ?? 0,
        IdleDeleteAfterSeconds = IdleDeleteAfterSeconds ?? 0,
        SigningKeyLifetimeSeconds = SigningKeyLifetimeSeconds ?? DefaultSigningKeyLifetimeSeconds,
    };
}
