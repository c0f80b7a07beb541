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

    /// <summary>With <see cref="ClientOperationStatus.Throttled"/>: how long the client id backs off.</summary>
    [Id(2)]
    public TimeSpan RetryAfter { get; init; }

    public static ClientOperationResult Throttled(TimeSpan retryAfter) => new(ClientOperationStatus.Throttled, null) { RetryAfter = retryAfter };
}
