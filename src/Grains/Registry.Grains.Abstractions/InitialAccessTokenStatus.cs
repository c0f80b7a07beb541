namespace Registry.Grains.Abstractions;

/// <summary>What an initial access token (RFC 7591 §3) presented for a registration is.</summary>
[GenerateSerializer]
[Alias("Registry.InitialAccessTokenStatus")]
public enum InitialAccessTokenStatus
{
    Valid = 0,

    /// <summary>No such token (unknown id, wrong token, or forgotten).</summary>
    Unknown = 1,

    Expired = 2,

    /// <summary>Every use it allows is taken.</summary>
    Exhausted = 3,

    Revoked = 4,
}
