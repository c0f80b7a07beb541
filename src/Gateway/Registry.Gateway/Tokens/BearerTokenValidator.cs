using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Registry.Gateway.Tenancy;
using Registry.Protocol.Errors;

namespace Registry.Gateway.Tokens;

/// <summary>
/// Validates access tokens presented to /register: signature by one of the tenant's keys with a pinned
/// algorithm list (so "none" and HMAC-with-the-public-key never validate), the tenant's issuer, the
/// at+jwt type and the lifetime. A token of another tenant fails on issuer and keys.
/// </summary>
internal static class BearerTokenValidator
{
    private static readonly JsonWebTokenHandler Handler = new() { MapInboundClaims = false };

    public static async Task<Outcome<string[]>> ValidateAsync(TenantContext tenant, string token)
    {
        var parameters = new TokenValidationParameters
        {
            ValidIssuer = tenant.Issuer,
            IssuerSigningKeys = tenant.Tenant.ValidationKeys,
            ValidAlgorithms = tenant.Tenant.SigningAlgorithms,
            ValidTypes = [AccessTokenIssuer.TokenType],
            ValidateAudience = false,
            ValidateLifetime = true,
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            ClockSkew = TimeSpan.FromSeconds(30),
        };
        var result = await Handler.ValidateTokenAsync(token, parameters);
        if (!result.IsValid)
        {
            return OAuthError.InvalidToken("the access token is invalid, expired, or not issued by this tenant");
        }

        var scope = result.Claims.TryGetValue("scope", out var value) ? value as string : null;
        return (scope ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>RFC 6750 §2.1: "Authorization: Bearer b64token". Other ways of sending a token are not accepted.</summary>
    public static string? ReadBearer(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        const string Prefix = "Bearer ";
        if (!header.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var token = header.AsSpan(Prefix.Length).Trim();
        return token.Length is > 0 and <= 8192 ? token.ToString() : null;
    }
}
