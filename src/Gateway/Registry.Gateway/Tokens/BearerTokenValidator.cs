using System.Collections.Concurrent;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Registry.Gateway.Tenancy;
using Registry.Protocol.Errors;
using Registry.Protocol.Tokens;

namespace Registry.Gateway.Tokens;

/// <summary>
/// Validates access tokens presented to /register: signature by one of the tenant's keys with a pinned
/// algorithm list (so "none" and HMAC-with-the-public-key never validate), the tenant's issuer, the
/// at+jwt type and the lifetime. A token of another tenant fails on issuer and keys.
/// Successful validations are remembered per exact token string until the token expires (a platform
/// registers many clients with one admin token, and the RSA check dominated /register): the entry is
/// only reused for the same tenant keys and issuer, and the cache is bounded.
/// </summary>
internal sealed class BearerTokenValidator
{
    private const int MaxCachedTokens = 4096;
    // Stryker disable once Boolean : claims are read from the token's payload, which claim mapping does not touch.
    private static readonly JsonWebTokenHandler Handler = new() { MapInboundClaims = false };
    private static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<string, Validated> _validated = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private readonly LifetimeValidator _lifetime;

    public BearerTokenValidator(TimeProvider time)
    {
        _time = time;
        _lifetime = IsWithinLifetime;
    }

    public async Task<Outcome<string[]>> ValidateAsync(TenantContext tenant, string token)
    {
        var now = _time.GetUtcNow();
        // Stryker disable once Arithmetic : an entry that expires early only costs a validation, which refuses an expired token itself (tested).
        if (_validated.TryGetValue(token, out var known) && ReferenceEquals(known.Tenant, tenant.Tenant) && known.Issuer == tenant.Issuer && now < known.Expires + ClockSkew)
        {
            return known.Scopes;
        }

        var result = await Handler.ValidateTokenAsync(token, Parameters(tenant));
        if (!result.IsValid)
        {
            return OAuthError.InvalidToken(ErrorIds.BearerInvalid, "the access token is invalid, expired, or not issued by this tenant");
        }

        var scope = result.Claims.TryGetValue("scope", out var value) ? value as string : null;
        var scopes = (scope ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (_validated.Count >= MaxCachedTokens)
        {
            _validated.Clear();
        }

        _validated[token] = new Validated(tenant.Tenant, tenant.Issuer, new DateTimeOffset(result.SecurityToken.ValidTo, TimeSpan.Zero), scopes);
        return scopes;
    }

    /// <summary>RFC 6750 §2.1: "Authorization: Bearer b64token", read by <see cref="BearerCredentials"/>.</summary>
    public static string? ReadBearer(HttpRequest request) => BearerCredentials.Read(request.Headers.Authorization.ToString());

    private TokenValidationParameters Parameters(TenantContext tenant) => new()
    {
        ValidIssuer = tenant.Issuer,
        IssuerSigningKeys = tenant.Tenant.ValidationKeys,
        ValidAlgorithms = tenant.Tenant.SigningAlgorithms,
        ValidTypes = [AccessTokenIssuer.TokenType],
        ValidateAudience = false,
        // Stryker disable once Boolean : with a LifetimeValidator set, IdentityModel leaves the decision to it either way.
        ValidateLifetime = true,
        // Stryker disable once Boolean : the lifetime validator below requires an expiry as well.
        RequireExpirationTime = true,
        RequireSignedTokens = true,
        ClockSkew = ClockSkew,
        LifetimeValidator = _lifetime,
    };

    /// <summary>
    /// The lifetime check on this validator's clock (the one the cache uses too), rather than IdentityModel's
    /// own: a token needs an expiry, is refused from its expiry (plus skew) on, and before its not-before.
    /// </summary>
    private bool IsWithinLifetime(DateTime? notBefore, DateTime? expires, SecurityToken token, TokenValidationParameters parameters)
    {
        var now = _time.GetUtcNow().UtcDateTime;
        return expires is { } exp && now < exp + ClockSkew && (notBefore is not { } nbf || now >= nbf - ClockSkew);
    }

    /// <summary>Tokens remembered right now (for tests of the bound).</summary>
    internal int CachedTokens => _validated.Count;

    private sealed record Validated(TenantRuntime Tenant, string Issuer, DateTimeOffset Expires, string[] Scopes);
}
