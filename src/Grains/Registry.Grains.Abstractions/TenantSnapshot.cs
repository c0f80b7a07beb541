using Registry.Protocol.Metadata;
using Registry.Protocol.Throttling;

namespace Registry.Grains.Abstractions;

/// <summary>
/// Everything the gateway needs to serve a tenant; cached there. <see cref="IdentifierKey"/> is the key of
/// the MACs its client ids and registration access tokens carry (see Registry.Protocol's ClientIdentifiers);
/// <see cref="SigningKeys"/> are public keys only, newest activation first (Id 4 carried private keys before signing
/// moved into the silo: gateways and silos from before that change do not mix).
/// <see cref="AcceptsLegacyIdentifiers"/> says the tenant had clients before ids carried one.
/// </summary>
[GenerateSerializer, Immutable]
[Alias("Registry.TenantSnapshot")]
public sealed record TenantSnapshot(
    [property: Id(0)] string Name,
    [property: Id(1)] string AdminClientId,
    [property: Id(2)] int AdminTokenLifetimeSeconds,
    [property: Id(3)] RegistrationPolicy Policy,
    [property: Id(8)] PublicSigningKey[] SigningKeys,
    [property: Id(5)] byte[] IdentifierKey,
    [property: Id(6)] bool AcceptsLegacyIdentifiers,
    [property: Id(7)] ThrottlePolicy Throttles)
{
    /// <summary>A runtime tenant's upstream OpenID Provider with its client secret (a configured tenant's is in the gateway's configuration).</summary>
    [Id(9)]
    public UpstreamDefinition? Upstream { get; init; }
}
