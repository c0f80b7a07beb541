using Registry.Protocol.Metadata;
using Registry.Protocol.Throttling;

namespace Registry.Grains.Abstractions;

/// <summary>Everything the gateway needs to serve a tenant; cached there.</summary>
[GenerateSerializer, Immutable]
[Alias("Registry.TenantSnapshot")]
public sealed record TenantSnapshot(
    [property: Id(0)] string Name,
    [property: Id(1)] string AdminClientId,
    [property: Id(2)] int AdminTokenLifetimeSeconds,
    [property: Id(3)] RegistrationPolicy Policy,
    [property: Id(4)] SigningKeyMaterial[] SigningKeys,
    [property: Id(5)] ThrottlePolicy Throttles);
