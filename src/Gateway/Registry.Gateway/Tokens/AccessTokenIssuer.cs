using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Registry.Gateway.Tenancy;
using Registry.Protocol.Security;

namespace Registry.Gateway.Tokens;

/// <summary>
/// Issues JWT access tokens (RFC 7519, RFC 9068 "at+jwt" type) signed with the tenant's current key:
/// iss, sub = client_id, client_id, scope, iat, nbf, exp, jti, and the key id in the header.
/// </summary>
internal sealed class AccessTokenIssuer(TimeProvider time)
{
    public const string TokenType = "at+jwt";

    // Stryker disable once Boolean : every token is given its times explicitly below.
    private static readonly JsonWebTokenHandler Handler = new() { SetDefaultTimesOnTokenCreation = false };

    public string Issue(TenantContext tenant, string clientId, string scope, int lifetimeSeconds)
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
            Claims = new Dictionary<string, object>(4, StringComparer.Ordinal)
            {
                [JwtRegisteredClaimNames.Sub] = clientId,
                ["client_id"] = clientId,
                ["scope"] = scope,
                [JwtRegisteredClaimNames.Jti] = Secrets.NewTokenId(),
            },
        };
        return Handler.CreateToken(descriptor);
    }
}
