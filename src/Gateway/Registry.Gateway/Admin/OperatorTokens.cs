using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Registry.Gateway.Tokens;
using Registry.Protocol.Errors;
using Registry.Protocol.Security;

namespace Registry.Gateway.Admin;

/// <summary>
/// Operator access tokens (RFC 9068 at+jwt): issuer "{origin}/admin", audience <see cref="Audience"/>, scope
/// <see cref="Scope"/>, signed with the operator key (<see cref="OperatorKeys"/>), never with a tenant's key — so
/// no tenant token is ever an operator token, and the other way round.
/// </summary>
internal sealed class OperatorTokens(OperatorKeys keys, TimeProvider time)
{
    public const string Scope = "registry:admin";
    public const string Audience = "registry-admin";

    private static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(30);

    // Stryker disable once Boolean : every token is given its times explicitly below.
    private static readonly JsonWebTokenHandler Handler = new() { SetDefaultTimesOnTokenCreation = false, MapInboundClaims = false };

    /// <summary>The issuer of operator tokens served for this request.</summary>
    public static string IssuerOf(HttpRequest request) => string.Concat(request.Scheme, "://", request.Host.Value, request.PathBase.Value, "/admin");

    public async Task<string> IssueAsync(HttpRequest request, string operatorId, int lifetimeSeconds)
    {
        var signing = await keys.GetAsync(request.HttpContext.RequestAborted);
        var now = time.GetUtcNow().UtcDateTime;
        return Handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = IssuerOf(request),
            Audience = Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddSeconds(lifetimeSeconds),
            TokenType = AccessTokenIssuer.TokenType,
            SigningCredentials = signing.SigningCredentials,
            Claims = new Dictionary<string, object>(4, StringComparer.Ordinal)
            {
                [JwtRegisteredClaimNames.Sub] = operatorId,
                ["client_id"] = operatorId,
                ["scope"] = Scope,
                [JwtRegisteredClaimNames.Jti] = Secrets.NewTokenId(),
            },
        });
    }

    /// <summary>The operator a bearer token was issued to, or why it is refused (401 invalid, 403 without the admin scope).</summary>
    public async Task<Outcome<string>> ValidateAsync(HttpRequest request, string token)
    {
        var signing = await keys.GetAsync(request.HttpContext.RequestAborted);
        var result = await Handler.ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = IssuerOf(request),
            ValidAudience = Audience,
            IssuerSigningKeys = signing.ValidationKeys,
            ValidAlgorithms = signing.Algorithms,
            ValidTypes = [AccessTokenIssuer.TokenType],
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            ClockSkew = ClockSkew,
            LifetimeValidator = (notBefore, expires, _, _) =>
            {
                var now = time.GetUtcNow().UtcDateTime;
                return expires is { } exp && now < exp + ClockSkew && (notBefore is not { } nbf || now >= nbf - ClockSkew);
            },
        });
        if (!result.IsValid || !result.Claims.TryGetValue(JwtRegisteredClaimNames.Sub, out var sub) || sub is not string operatorId)
        {
            return OAuthError.InvalidToken(ErrorIds.AdminBearerInvalid, "the access token is invalid, expired, or not an operator token");
        }

        var scopes = result.Claims.TryGetValue("scope", out var scope) && scope is string text ? text.Split(' ') : [];
        return scopes.Contains(Scope, StringComparer.Ordinal)
            ? operatorId
            : OAuthError.InsufficientScope(ErrorIds.AdminInsufficientScope, $"the access token lacks the {Scope} scope");
    }
}
