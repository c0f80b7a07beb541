using Registry.Grains.Abstractions;
using Registry.Protocol.Authorization;

namespace Registry.Grains.Authorization;

/// <summary>
/// One authorization code, in memory only (see <see cref="IAuthorizationCodeGrain"/>). Not reentrant: concurrent
/// redemptions run one after the other, so exactly one of them wins. The activation keeps itself alive until the
/// code expires and, once redeemed, for <see cref="IAuthorizationCodeGrain.RedeemedMemory"/>, so a reuse still
/// learns the family to revoke; an activation lost with its silo takes the code with it (the user signs in again).
/// </summary>
/// <remarks>The grain type name stays stable across versions (it addresses the activations of a running cluster).</remarks>
[GrainType(RegistryGrainTypes.AuthorizationCode)]
internal sealed class AuthorizationCodeGrain(TimeProvider time) : Grain, IAuthorizationCodeGrain
{
    private AuthorizationGrant? _grant;
    private DateTimeOffset _expiresAt;

    /// <summary>The expiry the issuer asked for (before clamping): a repeated issue is recognised by it.</summary>
    private DateTimeOffset _requestedExpiry;

    /// <summary>The family the winning redemption started; set once.</summary>
    private string? _familyId;

    /// <summary>A redemption that did not match burnt the code: nothing is redeemable any more.</summary>
    private bool _burnt;

    Task<bool> IAuthorizationCodeGrain.Issue(AuthorizationGrant grant, DateTimeOffset expiresAt)
    {
        ArgumentNullException.ThrowIfNull(grant);
        if (_grant is not null || _burnt)
        {
            // The same issue repeated (a lost answer) succeeds again while the code is unused.
            return Task.FromResult(_grant is not null && !_burnt && _familyId is null && _requestedExpiry == expiresAt && AuthorizationGrants.Same(_grant, grant));
        }

        var now = time.GetUtcNow();
        if (expiresAt <= now)
        {
            DeactivateOnIdle();
            return Task.FromResult(false);
        }

        // No code outlives MaxLifetime by this silo's clock: a longer expiry (another machine's clock ahead) is cut.
        var clamped = expiresAt - now > IAuthorizationCodeGrain.MaxLifetime ? now + IAuthorizationCodeGrain.MaxLifetime : expiresAt;
        (_grant, _expiresAt, _requestedExpiry) = (grant, clamped, expiresAt);
        DelayDeactivation(clamped - now);
        return Task.FromResult(true);
    }

    Task<CodeRedemption> IAuthorizationCodeGrain.Redeem(string clientId, string redirectUri, string codeVerifier, string familyId)
    {
        ArgumentException.ThrowIfNullOrEmpty(familyId);
        if (_grant is not { } grant)
        {
            // No such code (a guess, an expired or a lost one), or a burnt one (whose activation stays until the
            // code would have expired, so the burn holds).
            if (!_burnt)
            {
                DeactivateOnIdle();
            }

            return Task.FromResult(CodeRedemption.Invalid);
        }

        if (_familyId is { } winner)
        {
            // Redeemed before: the winner's retry (a lost answer) gets its answer again; anyone else learns the
            // family to revoke.
            return Task.FromResult(string.Equals(familyId, winner, StringComparison.Ordinal) && string.Equals(clientId, grant.ClientId, StringComparison.Ordinal)
                ? new CodeRedemption(CodeRedemptionStatus.Redeemed, grant, winner)
                : new CodeRedemption(CodeRedemptionStatus.Reused, null, winner));
        }

        if (time.GetUtcNow() >= _expiresAt)
        {
            Forget();
            return Task.FromResult(CodeRedemption.Invalid);
        }

        var matches = string.Equals(clientId, grant.ClientId, StringComparison.Ordinal)
            && string.Equals(redirectUri, grant.RedirectUri, StringComparison.Ordinal)
            && Pkce.Matches(codeVerifier, grant.CodeChallenge);
        if (!matches)
        {
            // No second guess: a wrong verifier (or client, or redirect URI) burns the code.
            _grant = null;
            _burnt = true;
            return Task.FromResult(CodeRedemption.Invalid);
        }

        _familyId = familyId;
        DelayDeactivation(IAuthorizationCodeGrain.RedeemedMemory);
        return Task.FromResult(new CodeRedemption(CodeRedemptionStatus.Redeemed, grant, familyId));
    }

    /// <summary>Drops the grant; the activation goes when idle (a later redemption finds no code).</summary>
    private void Forget()
    {
        _grant = null;
        DeactivateOnIdle();
    }
}
