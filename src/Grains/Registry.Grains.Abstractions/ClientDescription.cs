using Registry.Protocol.Metadata;

namespace Registry.Grains.Abstractions;

/// <summary>A client as an operator sees it: its metadata and timestamps, never a credential or a hash.</summary>
[GenerateSerializer, Immutable]
[Alias("Registry.ClientDescription")]
public sealed record ClientDescription(
    [property: Id(0)] string ClientId,
    [property: Id(1)] ClientMetadata Metadata,
    [property: Id(2)] DateTimeOffset CreatedAt,
    [property: Id(3)] DateTimeOffset UpdatedAt,
    [property: Id(4)] DateTimeOffset? LastUsedAt,
    [property: Id(5)] DateTimeOffset? DisabledAt,
    [property: Id(6)] long SecretExpiresAt)
{
    public bool Disabled => DisabledAt is not null;
}
