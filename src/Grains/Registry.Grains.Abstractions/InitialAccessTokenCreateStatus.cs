namespace Registry.Grains.Abstractions;

/// <summary>How a create of an initial access token was answered.</summary>
[GenerateSerializer]
[Alias("Registry.InitialAccessTokenCreateStatus")]
public enum InitialAccessTokenCreateStatus
{
    /// <summary>Created (or the same create repeated).</summary>
    Ok = 0,

    /// <summary>The id is taken by another token.</summary>
    Conflict = 1,

    /// <summary>The tenant holds as many live tokens as it may.</summary>
    LimitReached = 2,
}
