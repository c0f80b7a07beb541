using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Registry.Gateway.Tenancy;

namespace Registry.Gateway.Tokens;

/// <summary>
/// Reads an access token presented for introspection or revocation: valid only when one of the tenant's published keys
/// signed it (pinned algorithms, so "none" and HMAC-with-the-public-key never validate), its issuer is the tenant's,
/// its type at+jwt, and it has not expired on this gateway's clock. Anything else — another tenant's token, a
/// refresh token, garbage — is simply not a token here (null): introspection answers it inactive, revocation ignores it.
/// Unlike <see cref="BearerTokenValidator"/> nothing is cached: a revocation must be seen at once.
/// </summary>
internal sealed class AccessTokenReader(TimeProvider time)
{
    // Stryker disable once Boolean : claims are read from the token's payload, which claim mapping does not touch.
    private static readonly JsonWebTokenHandler Handler = new() { MapInboundClaims = false };

    /// <summary>A not-before in the future is tolerated this much (clocks differ); an expiry is not: an expired token is inactive.</summary>
    private static readonly TimeSpan NotBeforeSkew = TimeSpan.FromSeconds(30);

    public async Task<JsonWebToken?> ReadAsync(TenantContext tenant, string token)
    {
        if (token.Length > Protocol.Tokens.TokenHandlingRequestParser.MaxTokenLength || !Handler.CanReadToken(token))
        {
            return null;
        }

        var result = await Handler.ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = tenant.Issuer,
            IssuerSigningKeys = tenant.Tenant.ValidationKeys,
            ValidAlgorithms = tenant.Tenant.SigningAlgorithms,
            ValidTypes = [AccessTokenIssuer.TokenType],
            ValidateAudience = false,
            ValidateLifetime = true,
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            LifetimeValidator = IsWithinLifetime,
        });
        return result.IsValid && result.SecurityToken is JsonWebToken jwt && jwt.TryGetPayloadValue<string>("client_id", out var clientId)
            && clientId.Length > 0 && jwt.Id.Length > 0
            ? jwt
            : null;
    }

    private bool IsWithinLifetime(DateTime? notBefore, DateTime? expires, SecurityToken token, TokenValidationParameters parameters)
    {
        var now = time.GetUtcNow().UtcDateTime;
        return expires is { } exp && now < exp && (notBefore is not { } nbf || now >= nbf - NotBeforeSkew);
    }
}
