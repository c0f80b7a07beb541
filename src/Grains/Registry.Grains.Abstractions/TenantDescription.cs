using Registry.Protocol.Metadata;
using Registry.Protocol.Throttling;

namespace Registry.Grains.Abstractions;

/// <summary>
/// A tenant as the operator reads it back: its definition without the admin secret's hash. <see cref="Configured"/>
/// says it is named in configuration (then it is changed there, and has no creation or update time).
/// </summary>
[GenerateSerializer, Immutable]
[Alias("Registry.TenantDescription")]
public sealed record TenantDescription(
    [property: Id(0)] string Name,
    [property: Id(1)] string AdminClientId,
    [property: Id(2)] int AdminTokenLifetimeSeconds,
    [property: Id(3)] RegistrationPolicy Policy,
    [property: Id(4)] string SigningAlgorithm,
    [property: Id(5)] ThrottlePolicy Throttles,
    [property: Id(6)] bool Configured,
    [property: Id(7)] DateTimeOffset? CreatedAt,
    [property: Id(8)] DateTimeOffset? UpdatedAt)
{
    /// <summary>A runtime tenant's upstream OpenID Provider, without its client secret.</summary>
    [Id(9)]
    public UpstreamDefinition? Upstream { get; init; }
}
