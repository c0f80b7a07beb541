namespace Registry.Grains.Abstractions;

/// <summary>
/// A rotation of a confidential client's secret under its tenant's current policy. The gateway generates
/// <see cref="NewSecret"/> (the grain stores its hash only) and reads the policy; the grain decides, against the stored
/// expiry, whether an RFC 7592 update rotates, so a retried call decides the same way.
/// </summary>
[GenerateSerializer, Immutable]
[Alias("Registry.SecretRotationRequest")]
public sealed record SecretRotationRequest(
    [property: Id(0)] string NewSecret,
    [property: Id(1)] int LifetimeSeconds,
    [property: Id(2)] int OverlapSeconds)
{
    /// <summary>
    /// Rotate only when the current secret is within the last quarter of <see cref="LifetimeSeconds"/> (or expired, or
    /// without an expiry); false: rotate on every update (and always for an operator's rotation).
    /// </summary>
    [Id(3)]
    public bool OnlyNearExpiry { get; init; }
}
