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
    ThrottlePolicy Throttles);
