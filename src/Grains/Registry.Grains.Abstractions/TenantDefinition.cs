using Registry.Protocol.Metadata;
using Registry.Protocol.Throttling;

namespace Registry.Grains.Abstractions;

/// <summary>
/// A tenant created at runtime (not named in configuration), as the operator defines it. The admin client's
/// secret arrives hashed (Registry.Protocol's <c>Secrets.Hash</c>): the plain secret never reaches a grain.
/// <see cref="RegistrationPolicy.AllowLocalUrls"/> is ignored: the silo's environment decides it.
/// </summary>
[GenerateSerializer, Immutable]
[Alias("Registry.TenantDefinition")]
public sealed record TenantDefinition(
    [property: Id(0)] string AdminClientId,
    [property: Id(1)] byte[] AdminSecretHash,
    [property: Id(2)] int AdminTokenLifetimeSeconds,
    [property: Id(3)] RegistrationPolicy Policy,
    [property: Id(4)] string SigningAlgorithm,
    [property: Id(5)] ThrottlePolicy Throttles)
{
    /// <summary>Where the tenant's users sign in; null: the tenant signs no users in.</summary>
    [Id(6)]
    public UpstreamDefinition? Upstream { get; init; }
}
