using Registry.Protocol.Metadata;

namespace Registry.Gateway.Admin;

/// <summary>A tenant as the admin API answers it; <see cref="AdminClientSecret"/> only in the response that set it.</summary>
internal sealed record TenantResponse(
    string Name,
    string? Issuer,
    string Source,
    string RegistrationMode,
    string AdminClientId,
    int AdminTokenLifetimeSeconds,
    IReadOnlyList<string> AllowedScopes,
    string DefaultScope,
    IReadOnlyList<string> DefaultGrantTypes,
    IReadOnlyList<string>? AllowedGrantTypes,
    IReadOnlyList<string>? AllowedResponseTypes,
    IReadOnlyList<string>? AllowedTokenEndpointAuthMethods,
    IReadOnlyList<string>? RedirectUriHosts,
    string OnDisallowed,
    long MaxClients,
    int DefaultTokenLifetimeSeconds,
    int MinTokenLifetimeSeconds,
    int MaxTokenLifetimeSeconds,
    string SigningAlgorithm,
    long? CreatedAt,
    long? UpdatedAt)
{
    public string? AdminClientSecret { get; init; }

    public IReadOnlyList<string> AllowedResources { get; init; } = [];

    public int RemoveUnusedOpenClientsAfterSeconds { get; init; }

    /// <summary>The upstream OpenID Provider (never its client secret); null: the tenant signs no users in.</summary>
    public UpstreamResponse? Upstream { get; init; }

    public int SecretLifetimeSeconds { get; init; }

    public string SecretRotation { get; init; } = SecretRotations.Never;

    public int SecretOverlapSeconds { get; init; }

    public int IdleDisableAfterSeconds { get; init; }

    public int IdleDeleteAfterSeconds { get; init; }

    public int SigningKeyLifetimeSeconds { get; init; }
}
