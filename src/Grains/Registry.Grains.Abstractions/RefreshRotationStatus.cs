namespace Registry.Grains.Abstractions;

[GenerateSerializer]
[Alias("Registry.RefreshRotationStatus")]
public enum RefreshRotationStatus
{
    /// <summary>The token was current; the next one is now current and the grant is in the answer.</summary>
    Rotated,

    /// <summary>No such family, another client's, expired, or revoked.</summary>
    Invalid,

    /// <summary>A token that is no longer current was presented: the family is now revoked.</summary>
    Replayed,
}
