using Registry.Gateway.Http;
using Registry.Gateway.Tenancy;
using Registry.Gateway.Tokens;
using Registry.Grains.Abstractions;
using Registry.Protocol.Authorization;
using Registry.Protocol.Errors;
using Registry.Protocol.Metadata;
using Registry.Protocol.Security;
using Registry.Protocol.Tokens;

namespace Registry.Gateway.Endpoints;

/// <summary>
/// The grants of users' authorizations at the token endpoint. authorization_code (RFC 6749 §4.1.3, RFC 7636 §4.6): the
/// code's grain checks client, redirect URI and verifier and lets exactly one redemption win cluster-wide; a code
/// presented again revokes the refresh-token family the first redemption started (§4.1.2). Every redemption starts a
/// family (with a refresh token when the client registered the refresh_token grant). refresh_token (§6): rotated on
/// every use; a token that is no longer current revokes its family. Of concurrent redemptions of one code exactly one
/// gets tokens; when a loser's revocation reaches the family before the winner started it, the winner gets its access
/// token without a refresh token. A narrowed scope or resource is checked against
/// the grant before the token rotates, so a refused request never costs the client its refresh token.
/// </summary>
internal static class UserGrants
{
    public static async Task<Outcome<IssuedToken>> IssueAsync(
        HttpContext http, TenantContext tenant, TokenRequest request, TokenClient client, IGrainFactory grains, GrainCalls calls, AccessTokenIssuer issuer, TimeProvider time)
    {
        if (!client.GrantTypes.Contains(request.GrantType, StringComparer.Ordinal))
        {
            return OAuthError.UnauthorizedClient(ErrorIds.TokenGrantNotRegistered, $"this client is not registered for the {request.GrantType} grant type");
        }

        if (ResourceIndicators.Check(request.Resources, tenant.Tenant.Policy) is { } target)
        {
            return target;
        }

        return request.GrantType == GrantTypes.AuthorizationCode
            ? await RedeemCodeAsync(http, tenant, request, client, grains, calls, issuer, time)
            : await RefreshAsync(http, tenant, request, client, grains, calls, issuer);
    }

    private static async Task<Outcome<IssuedToken>> RedeemCodeAsync(
        HttpContext http, TenantContext tenant, TokenRequest request, TokenClient client, IGrainFactory grains, GrainCalls calls, AccessTokenIssuer issuer, TimeProvider time)
    {
        var familyId = Secrets.NewTokenId();
        var code = grains.GetGrain<IAuthorizationCodeGrain>(AuthorizationKeys.Code(tenant.Name, request.Code!));
        var redemption = await calls.RetryAsync(
            (code, request, familyId), c => c.code.Redeem(c.request.ClientId, c.request.RedirectUri!, c.request.CodeVerifier!, c.familyId), http.RequestAborted);
        switch (redemption.Status)
        {
            case CodeRedemptionStatus.Reused:
                // RFC 6749 §4.1.2: a code used twice revokes what it issued.
                var winner = grains.GetGrain<IRefreshTokenFamilyGrain>(AuthorizationKeys.Family(tenant.Name, redemption.FamilyId!));
                await calls.RetryAsync(winner, f => f.Revoke(), http.RequestAborted);
                return OAuthError.InvalidGrant(ErrorIds.TokenCodeReused, "the authorization code was already used; the tokens issued for it are revoked");
            case not CodeRedemptionStatus.Redeemed:
                return OAuthError.InvalidGrant(ErrorIds.TokenCodeInvalid,
                    "the authorization code is invalid, expired or used, or was issued to another client or redirect_uri, or code_verifier does not match");
        }

        var grant = redemption.Grant!;
        var audiences = Audiences(request, grant, tenant.Tenant.Policy);
        if (!audiences.IsSuccess)
        {
            return audiences.Error;
        }

        var refreshToken = client.GrantTypes.Contains(GrantTypes.RefreshToken, StringComparer.Ordinal) && client.RefreshTokenLifetimeSeconds > 0
            ? familyId + "." + Secrets.NewSecret()
            : null;
        var familyLifetime = refreshToken is null ? client.LifetimeSeconds : client.RefreshTokenLifetimeSeconds;
        var family = grains.GetGrain<IRefreshTokenFamilyGrain>(AuthorizationKeys.Family(tenant.Name, familyId));
        var started = await calls.RetryAsync(
            (family, grant, refreshToken, ExpiresAt: time.GetUtcNow().AddSeconds(familyLifetime)), f => f.family.Start(f.grant, f.refreshToken, f.ExpiresAt),
            http.RequestAborted);
        if (!started)
        {
            // The same code was presented again between this redemption and the family's start, and that revoked
            // the family: this redemption still won (exactly one does), but gets no refresh token.
            refreshToken = null;
        }

        // The client completed an authorization: it is no longer an unused open registration. Best effort: the tokens
        // are issued anyway (a client not marked is at worst removed as unused, never given a second code).
        try
        {
            await calls.RetryAsync(grains.GetGrain<IClientGrain>(ClientKey.Of(tenant.Name, grant.ClientId)), c => c.MarkAuthorized(), http.RequestAborted);
        }
        catch (Exception e) when (ClusterErrors.IsTransient(e))
        {
            // The cluster could not take this one write: the tokens stand (at worst an open client is later removed as unused).
        }
        // Today's policy: scopes the tenant no longer allows are left out, the lifetime is within the current bounds.
        var scope = ScopeSyntax.Normalize([.. grant.Scope.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(tenant.Tenant.Policy.AllowsScope)]);
        var lifetime = TokenRequestValidator.Lifetime(client.LifetimeSeconds, tenant.Tenant.Policy);
        var access = await issuer.IssueForUser(tenant, grant, scope, audiences.Value, lifetime);
        return new IssuedToken(access, new TokenGrant(scope, lifetime)) { RefreshToken = refreshToken };
    }

    private static async Task<Outcome<IssuedToken>> RefreshAsync(
        HttpContext http, TenantContext tenant, TokenRequest request, TokenClient client, IGrainFactory grains, GrainCalls calls, AccessTokenIssuer issuer)
    {
        var presented = request.RefreshToken!;
        if (RefreshTokenFormat.FamilyIdOf(presented) is not { } familyId)
        {
            return InvalidRefreshToken;
        }

        var family = grains.GetGrain<IRefreshTokenFamilyGrain>(AuthorizationKeys.Family(tenant.Name, familyId));

        // A narrowed scope or resource is judged against the grant first; only a request that will succeed rotates.
        if (request.RequestedScopes is not null || request.Resources.Count > 0)
        {
            var current = await calls.RetryAsync((family, request.ClientId, presented), f => f.family.Peek(f.ClientId, f.presented), http.RequestAborted);
            if (current is not null && (Scope(request, current, tenant.Tenant.Policy).Error ?? Audiences(request, current, tenant.Tenant.Policy).Error) is { } narrowing)
            {
                return narrowing;
            }
        }

        var next = familyId + "." + Secrets.NewSecret();
        var rotation = await calls.RetryAsync((family, request.ClientId, presented, next), f => f.family.Rotate(f.ClientId, f.presented, f.next), http.RequestAborted);
        if (rotation.Status == RefreshRotationStatus.Replayed)
        {
            return OAuthError.InvalidGrant(ErrorIds.TokenRefreshReplayed, "the refresh token was already used; its authorization is revoked");
        }

        if (rotation.Status != RefreshRotationStatus.Rotated)
        {
            return InvalidRefreshToken;
        }

        var grant = rotation.Grant!;
        var scope = Scope(request, grant, tenant.Tenant.Policy);
        var audiences = Audiences(request, grant, tenant.Tenant.Policy);
        if (!scope.IsSuccess || !audiences.IsSuccess)
        {
            return scope.Error ?? audiences.Error!;
        }

        var lifetime = TokenRequestValidator.Lifetime(client.LifetimeSeconds, tenant.Tenant.Policy);
        var access = await issuer.IssueForUser(tenant, grant, scope.Value, audiences.Value, lifetime);
        return new IssuedToken(access, new TokenGrant(scope.Value, lifetime)) { RefreshToken = next };
    }

    private static readonly OAuthError InvalidRefreshToken =
        OAuthError.InvalidGrant(ErrorIds.TokenRefreshInvalid, "the refresh token is invalid, expired or revoked, or was issued to another client");

    /// <summary>RFC 6749 §6: a refresh may ask for less scope than granted, never more; scopes the tenant no longer allows are dropped.</summary>
    private static Outcome<string> Scope(TokenRequest request, AuthorizationGrant grant, RegistrationPolicy policy)
    {
        var granted = grant.Scope.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(policy.AllowsScope).ToArray();
        if (request.RequestedScopes?.FirstOrDefault(s => !granted.Contains(s, StringComparer.Ordinal)) is { } extra)
        {
            return OAuthError.InvalidScope(ErrorIds.TokenScopeNotGranted, $"the scope '{extra}' was not granted by the user");
        }

        return ScopeSyntax.Normalize([.. (request.RequestedScopes ?? granted)]);
    }

    /// <summary>
    /// RFC 8707 §2.2: the token's audience is the resources asked for, each one the user granted; none asked: all granted.
    /// Resources the tenant no longer allows are left out.
    /// </summary>
    private static Outcome<IReadOnlyList<string>> Audiences(TokenRequest request, AuthorizationGrant grant, RegistrationPolicy policy)
    {
        string[] granted = [.. grant.Resources.Where(policy.AllowsResource)];
        if (request.Resources.Count == 0)
        {
            return Outcome<IReadOnlyList<string>>.Success(granted);
        }

        var extra = request.Resources.FirstOrDefault(r => !granted.Contains(r, StringComparer.Ordinal));
        return extra is null
            ? Outcome<IReadOnlyList<string>>.Success(ResourceIndicators.Distinct(request.Resources))
            : OAuthError.InvalidTarget(ErrorIds.TokenResourceNotGranted, "the resource was not part of the user's authorization");
    }
}
