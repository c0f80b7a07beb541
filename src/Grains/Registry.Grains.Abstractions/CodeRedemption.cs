namespace Registry.Grains.Abstractions;

/// <summary>The answer of <see cref="IAuthorizationCodeGrain.Redeem"/>.</summary>
[GenerateSerializer, Immutable]
[Alias("Registry.CodeRedemption")]
public sealed record CodeRedemption(
    [property: Id(0)] CodeRedemptionStatus Status,
    [property: Id(1)] AuthorizationGrant? Grant,
    [property: Id(2)] string? FamilyId)
{
    public static readonly CodeRedemption Invalid = new(CodeRedemptionStatus.Invalid, null, null);
}
