namespace Registry.Grains.Abstractions;

/// <summary>
/// A tenant's initial access tokens (RFC 7591 §3; key: the tenant name), stored as SHA-256 hashes only. Uses
/// are counted exactly for the whole cluster: a use is persisted before it is answered. At most
/// <see cref="MaxLiveTokens"/> tokens that are neither expired nor revoked; expired and revoked ones are
/// forgotten after <see cref="PurgeAfter"/>.
/// </summary>
[Alias("Registry.IInitialAccessTokensGrain")]
public interface IInitialAccessTokensGrain : IGrainWithStringKey
{
    public const int MaxLiveTokens = 1000;

    public static readonly TimeSpan PurgeAfter = TimeSpan.FromDays(7);

    /// <summary>
    /// Stores a token the caller generated (its hash only; <paramref name="maxUses"/> at least 1). Idempotent for
    /// the same id and token; another token under a taken id is a Conflict; LimitReached beyond <see cref="MaxLiveTokens"/>.
    /// </summary>
    [Alias("Create")]
    Task<InitialAccessTokenCreateStatus> Create(string id, string token, DateTimeOffset expiresAt, int maxUses, IReadOnlyList<string>? allowedScopes);

    [Alias("List")]
    Task<InitialAccessTokenInfo[]> List();

    /// <summary>Revokes a token; false when there is no such id. Idempotent.</summary>
    [Alias("Revoke")]
    Task<bool> Revoke(string id);

    /// <summary>Revokes and forgets every token of the tenant (its deletion).</summary>
    [Alias("RevokeAll")]
    Task RevokeAll();

    /// <summary>What the token is, in constant time, without taking a use.</summary>
    [Alias("Check")]
    Task<InitialAccessTokenCheck> Check(string id, string token);

    /// <summary>Takes one use when the token is valid; the use is stored before the answer.</summary>
    [Alias("Consume")]
    Task<InitialAccessTokenCheck> Consume(string id, string token);

    /// <summary>
    /// Gives back one use (a registration that definitely failed after <see cref="Consume"/>). Not idempotent:
    /// call it once per use taken, and not on an ambiguous failure (a use lost is safer than one given twice).
    /// </summary>
    [Alias("Release")]
    Task Release(string id);
}
