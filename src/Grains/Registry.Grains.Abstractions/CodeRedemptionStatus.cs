namespace Registry.Grains.Abstractions;

[GenerateSerializer]
[Alias("Registry.CodeRedemptionStatus")]
public enum CodeRedemptionStatus
{
    /// <summary>The code was valid and is now used: the grant is in the answer.</summary>
    Redeemed,

    /// <summary>No such code, expired, burnt, or client / redirect URI / verifier do not match.</summary>
    Invalid,

    /// <summary>The code had already been redeemed: the answer names the family the first redemption started.</summary>
    Reused,
}
