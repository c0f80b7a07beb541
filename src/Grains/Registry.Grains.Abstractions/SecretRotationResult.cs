namespace Registry.Grains.Abstractions;

/// <summary>An operator's secret rotation: the new secret's expiry and the end of the previous secret's overlap.</summary>
[GenerateSerializer, Immutable]
[Alias("Registry.SecretRotationResult")]
public sealed record SecretRotationResult(
    [property: Id(0)] SecretRotationStatus Status,
    [property: Id(1)] long SecretExpiresAt,
    [property: Id(2)] DateTimeOffset? PreviousSecretExpiresAt)
{
    public static readonly SecretRotationResult NotFound = new(SecretRotationStatus.NotFound, 0, null);

    public static readonly SecretRotationResult PublicClient = new(SecretRotationStatus.PublicClient, 0, null);
}
