using Registry.Protocol.Metadata;

namespace Registry.Grains.Abstractions;

/// <summary>The answer of a client grain's registration operations.</summary>
[GenerateSerializer, Immutable]
[Alias("Registry.ClientOperationResult")]
public sealed record ClientOperationResult(
    [property: Id(0)] ClientOperationStatus Status,
    [property: Id(1)] ClientInformation? Client)
{
    public static readonly ClientOperationResult Unauthorized = new(ClientOperationStatus.Unauthorized, null);

    public static readonly ClientOperationResult Conflict = new(ClientOperationStatus.Conflict, null);

    public static readonly ClientOperationResult SecretMismatch = new(ClientOperationStatus.SecretMismatch, null);
}
