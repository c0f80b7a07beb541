using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Registry.Gateway.Tests.Infrastructure;

namespace Registry.Gateway.Tests;

/// <summary>A tenant configured for ES256 signs with a P-256 key, publishes it, and validates its own tokens.</summary>
[Collection(ServerCollectionDefinition.Name)]
public sealed class Es256Tests(ServerFixture fixture)
{
    private const string Fast = "/tenants/fast";

    [Fact]
    public async Task Tokens_are_es256_and_verify_against_the_published_p256_key()
    {
        var admin = await fixture.Http.AdminTokenAsync(Fast, secret: ServerFixture.AcmeSecret);
        var client = await fixture.Http.RegisterAsync(Fast, """{"grant_types": ["client_credentials"], "scope": "openid"}""", admin);
        var token = await fixture.Http.ClientTokenAsync(Fast, client);

        var jwks = new JsonWebKeySet(await fixture.Http.GetStringAsync(Fast + "/jwks"));
        var key = Assert.Single(jwks.Keys);
        Assert.Equal(("EC", "P-256", "ES256"), (key.Kty, key.Crv, key.Alg));
        var result = await new JsonWebTokenHandler().ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = fixture.Server.Issuer + Fast,
            IssuerSigningKeys = jwks.GetSigningKeys(),
            ValidAlgorithms = ["ES256"],
            ValidateAudience = false,
        });
        Assert.True(result.IsValid, result.Exception?.Message);
        Assert.Equal("ES256", new JsonWebToken(admin).Alg);
    }

    [Fact]
    public async Task Discovery_advertises_es256()
    {
        var metadata = await (await fixture.Http.GetAsync(Fast + "/.well-known/openid-configuration")).JsonAsync();

        Assert.Equal(["ES256"], metadata.GetProperty("access_token_signing_alg_values_supported").EnumerateArray().Select(e => e.GetString()));
    }
}
