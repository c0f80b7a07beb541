namespace Registry.Grains.Abstractions;

/// <summary>
/// One authorization code (RFC 6749 §4.1.2; key: <see cref="AuthorizationKeys.Code"/>). Held in the activation's
/// memory only, for at most <see cref="MaxLifetime"/>: a code lost with its silo is simply gone (the user signs in
/// again); a redeemed code is never redeemable again. The one activation makes redemption single-use for the whole
/// cluster: of concurrent redemptions exactly one wins, and every later one learns which refresh-token family the
/// winner started, so the caller revokes it (RFC 6749 §4.1.2: a code used twice revokes what it issued).
/// </summary>
[Alias("Registry.IAuthorizationCodeGrain")]
public interface IAuthorizationCodeGrain : IGrainWithStringKey
{
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromSeconds(60);

    /// <summary>How long a redeemed code is remembered, so a replay within it revokes the family it started.</summary>
    public static readonly TimeSpan RedeemedMemory = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Holds <paramref name="grant"/> until <paramref name="expiresAt"/>, cut to <see cref="MaxLifetime"/> from now by
    /// the silo's clock. Idempotent for the same grant and expiry; false when the expiry has passed, or the grain
    /// already holds another grant or a redeemed code.
    /// </summary>
    [Alias("Issue")]
    Task<bool> Issue(AuthorizationGrant grant, DateTimeOffset expiresAt);

    /// <summary>
    /// Redeems the code for <paramref name="clientId"/>: the client, <paramref name="redirectUri"/> (exactly the one
    /// of the authorization request) and the PKCE <paramref name="codeVerifier"/> must match. A mismatch burns the
    /// code (no second guess). The first successful redemption records <paramref name="familyId"/> (the family the
    /// caller is about to start) and answers the grant; a retry with the same family id answers it again (a lost
    /// answer); any other redemption of a redeemed code answers <see cref="CodeRedemptionStatus.Reused"/> with the
    /// winner's family id.
    /// </summary>
    [Alias("Redeem")]
    Task<CodeRedemption> Redeem(string clientId, string redirectUri, string codeVerifier, string familyId);
}
