namespace Registry.Grains.Abstractions;

/// <summary>The answer of <see cref="IRefreshTokenFamilyGrain.Rotate"/>: the grant when rotated, and when the family expires.</summary>
[GenerateSerializer, Immutable]
[Alias("Registry.RefreshRotation")]
public sealed record RefreshRotation(
    [property: Id(0)] RefreshRotationStatus Status,
    [property: Id(1)] AuthorizationGrant? Grant,
    [property: Id(2)] DateTimeOffset ExpiresAt)
{
    public static readonly RefreshRotation Invalid = new(RefreshRotationStatus.Invalid, null, default);

    public static readonly RefreshRotation Replayed = new(RefreshRotationStatus.Replayed, null, default);
}
