namespace Registry.Grains.Abstractions;

/// <summary>
/// The refresh tokens descending from one authorization code (key: <see cref="AuthorizationKeys.Family"/>): the grant,
/// the hashes of the current and the previous refresh token, and whether the family is revoked. Persisted before
/// every answer, so it survives a silo; a revoked or expired family stays refused until its row is purged.
/// Refresh tokens rotate on every use (OAuth 2.0 Security BCP §4.14.2); presenting one that is not current revokes
/// the whole family (a replay means a token was stolen).
/// </summary>
[Alias("Registry.IRefreshTokenFamilyGrain")]
public interface IRefreshTokenFamilyGrain : IGrainWithStringKey
{
    /// <summary>
    /// Starts the family with <paramref name="grant"/>, valid until <paramref name="expiresAt"/>;
    /// <paramref name="refreshToken"/> is its first token (null: a client without the refresh_token grant, whose
    /// family only records what the code issued, so a reused code can revoke it). Idempotent for the same call;
    /// false when the family exists with another grant or is revoked.
    /// </summary>
    [Alias("Start")]
    Task<bool> Start(AuthorizationGrant grant, string? refreshToken, DateTimeOffset expiresAt);

    /// <summary>
    /// Exchanges the current token for <paramref name="nextToken"/> (the caller generated it). Presenting the previous
    /// token together with the same <paramref name="nextToken"/> again succeeds again (a retry after a lost answer);
    /// presenting any other non-current token revokes the family and answers <see cref="RefreshRotationStatus.Replayed"/>.
    /// Another client, an expired or revoked family: <see cref="RefreshRotationStatus.Invalid"/>.
    /// </summary>
    [Alias("Rotate")]
    Task<RefreshRotation> Rotate(string clientId, string presentedToken, string nextToken);

    /// <summary>
    /// The grant, when <paramref name="presentedToken"/> is the family's current token for <paramref name="clientId"/>
    /// and the family is live; otherwise null. Changes nothing: the token endpoint checks a narrowed scope or resource
    /// against the grant before it rotates, so a refused request does not cost the client its refresh token.
    /// </summary>
    [Alias("Peek")]
    Task<AuthorizationGrant?> Peek(string clientId, string presentedToken);

    /// <summary>Revokes the family (idempotent); its tokens are refused from now on.</summary>
    [Alias("Revoke")]
    Task Revoke();
}
