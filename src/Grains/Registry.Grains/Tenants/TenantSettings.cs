using Registry.Grains.Abstractions;
using Registry.Protocol.Metadata;
using Registry.Protocol.Throttling;

namespace Registry.Grains.Tenants;

/// <summary>A tenant as its grain serves it: configuration with defaults applied, the admin secret kept only as its hash.</summary>
public sealed record TenantSettings(
    string Name,
    string AdminClientId,
    byte[] AdminSecretHash,
    bool UsesDefaultAdminSecret,
    int AdminTokenLifetimeSeconds,
    RegistrationPolicy Policy,
    string SigningAlgorithm,
    ThrottlePolicy Throttles)
{
    /// <summary>A runtime tenant's upstream OpenID Provider, its secret decrypted (null: none, or a configured tenant).</summary>
    public UpstreamDefinition? Upstream { get; init; }
}
