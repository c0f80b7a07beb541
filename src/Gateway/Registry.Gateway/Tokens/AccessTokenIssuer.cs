using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Registry.Gateway.Tenancy;
using Registry.Grains.Abstractions;
using Registry.Protocol.Security;

namespace Registry.Gateway.Tokens;

/// <summary>
/// Issues JWT access tokens (RFC 7519, RFC 9068 "at+jwt" type) signed with the tenant's current key. A client's own
/// token (client_credentials): iss, sub = client_id, client_id, scope, iat, nbf, exp, jti, and aud when resources were
/// indicated (RFC 8707). A user's token (authorization_code, refresh_token): sub = the user's subject at the tenant's
/// upstream provider, idp = that provider's issuer, auth_time, and aud = the resources, or the tenant's issuer when
/// none was indicated (RFC 9068 §2.2 requires an audience). The key id is in the header.
/// </summary>
internal sealed class AccessTokenIssuer(TimeProvider time)
{
    public const string TokenType = "at+jwt";

    // Stryker disable once Boolean : every token is given its times explicitly below.
    private static readonly JsonWebTokenHandler Handler = new() { SetDefaultTimesOnTokenCreation = false };

    public string Issue(TenantContext tenant, string clientId, string scope, int lifetimeSeconds, IReadOnlyList<string>? audiences = null)
    {
        var claims = new Dictionary<string, object>(5, StringComparer.Ordinal)
        {
            [JwtRegisteredClaimNames.Sub] = clientId,
            ["client_id"] = clientId,
            ["scope"] = scope,
            [JwtRegisteredClaimNames.Jti] = Secrets.NewTokenId(),
        };
        if (audiences is { Count: > 0 })
        {
            claims[JwtRegisteredClaimNames.Aud] = Audience(audiences);
        }

        return Create(tenant, claims, lifetimeSeconds);
    }

    /// <summary>A token for the user of <paramref name="grant"/>, for <paramref name="audiences"/> (a subset of the grant's resources).</summary>
    public string IssueForUser(TenantContext tenant, AuthorizationGrant grant, string scope, IReadOnlyList<string> audiences, int lifetimeSeconds)
    {
        var claims = new Dictionary<string, object>(8, StringComparer.Ordinal)
        {
            [JwtRegisteredClaimNames.Sub] = grant.Subject,
            [JwtRegisteredClaimNames.Aud] = audiences.Count > 0 ? Audience(audiences) : tenant.Issuer,
            ["client_id"] = grant.ClientId,
            ["scope"] = scope,
            [JwtRegisteredClaimNames.AuthTime] = grant.AuthTime.ToUnixTimeSeconds(),
            ["idp"] = grant.IdentityProvider,
            [JwtRegisteredClaimNames.Jti] = Secrets.NewTokenId(),
        };
        return Create(tenant, claims, lifetimeSeconds);
    }

    private static object Audience(IReadOnlyList<string> audiences) => audiences.Count == 1 ? audiences[0] : audiences.ToArray();

    private string Create(TenantContext tenant, Dictionary<string, object> claims, int lifetimeSeconds)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = tenant.Issuer,
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddSeconds(lifetimeSeconds),
            TokenType = TokenType,
            SigningCredentials = tenant.Tenant.SigningCredentials,
            Claims = claims,
        };
        return Handler.CreateToken(descriptor);
    }
}
