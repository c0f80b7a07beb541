using Orleans.Concurrency;

namespace Registry.Grains.Abstractions;

/// <summary>
/// One shard of a tenant's revoked access tokens (key: <see cref="RevokedTokenKeys.Shard"/>): the SHA-256 of each
/// revoked token's jti, kept until the token would have expired (after that its signature check refuses it anyway).
/// Persisted before a revocation is answered, so every gateway and silo sees it; a tenant's revocations are spread
/// over <see cref="RevokedTokenKeys.Shards"/> grains by the hash, so no single activation carries the whole tenant.
/// </summary>
[Alias("Registry.IRevokedTokensGrain")]
public interface IRevokedTokensGrain : IGrainWithStringKey
{
    /// <summary>
    /// Remembers the token whose jti hashes to <paramref name="jtiHash"/> as revoked until <paramref name="expiresAt"/>.
    /// Idempotent: true when this call revoked it, false when it was revoked already (or had already expired).
    /// </summary>
    [Alias("Revoke")]
    Task<bool> Revoke(string jtiHash, DateTimeOffset expiresAt);

    /// <summary>Whether the token whose jti hashes to <paramref name="jtiHash"/> is revoked (and not yet expired). Changes nothing.</summary>
    [Alias("IsRevoked"), ReadOnly]
    Task<bool> IsRevoked(string jtiHash);
}
