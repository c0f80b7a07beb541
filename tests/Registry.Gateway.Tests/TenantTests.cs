using System.Net;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Registry.Gateway.Tests.Infrastructure;
using Registry.Protocol.Errors;

namespace Registry.Gateway.Tests;

/// <summary>Tenants under /tenants/{tenant}: own issuer, keys, admin client and clients; nothing crosses over.</summary>
[Collection(ServerCollectionDefinition.Name)]
public sealed class TenantTests(ServerFixture fixture)
{
    private const string Acme = "/tenants/acme";
    private const string Globex = "/tenants/globex";

    private HttpClient Http => fixture.Http;

    [Fact]
    public async Task A_tenant_has_its_own_issuer_endpoints_and_keys()
    {
        var root = await (await Http.GetAsync("/.well-known/openid-configuration")).JsonAsync();
        var acme = await (await Http.GetAsync(Acme + "/.well-known/openid-configuration")).JsonAsync();

        var issuer = fixture.Server.Issuer + Acme;
        Assert.Equal(issuer, acme.Str("issuer"));
        Assert.Equal(issuer + "/token", acme.Str("token_endpoint"));
        Assert.Equal(issuer + "/register", acme.Str("registration_endpoint"));
        Assert.Equal(issuer + "/jwks", acme.Str("jwks_uri"));
        Assert.Equal(["orders.read", "orders.write"], acme.GetProperty("scopes_supported").EnumerateArray().Select(e => e.GetString()));
        Assert.NotEqual(root.Str("issuer"), acme.Str("issuer"));

        var rootKeys = new JsonWebKeySet(await Http.GetStringAsync(root.Str("jwks_uri"))).Keys.Select(k => k.Kid);
        var acmeKeys = new JsonWebKeySet(await Http.GetStringAsync(acme.Str("jwks_uri"))).Keys.Select(k => k.Kid);
        Assert.Empty(rootKeys.Intersect(acmeKeys));
    }

    [Theory]
    [InlineData("/.well-known/oauth-authorization-server/tenants/acme")]
    [InlineData("/.well-known/openid-configuration/tenants/acme")]
    [InlineData("/tenants/acme/.well-known/oauth-authorization-server")]
    [InlineData("/tenants/acme/.well-known/openid-configuration")]
    public async Task Tenant_metadata_is_served_at_the_rfc8414_and_oidc_locations(string path)
    {
        var metadata = await (await Http.GetAsync(path)).JsonAsync();

        Assert.Equal(fixture.Server.Issuer + Acme, metadata.Str("issuer"));
    }

    [Fact]
    public async Task The_whole_flow_works_inside_a_tenant_with_its_own_admin_client_issuer_and_key()
    {
        var token = await Http.AdminTokenAsync(Globex, "globex-admin", ServerFixture.GlobexSecret);
        var client = await Http.RegisterAsync(Globex, adminToken: token);

        Assert.StartsWith(fixture.Server.Issuer + Globex + "/register/", client.Str("registration_client_uri"), StringComparison.Ordinal);
        var access = await Http.ClientTokenAsync(Globex, client);
        var globexKeys = new JsonWebKeySet(await Http.GetStringAsync(Globex + "/jwks"));
        var rootKeys = new JsonWebKeySet(await Http.GetStringAsync("/jwks"));
        var parameters = new TokenValidationParameters
        {
            ValidIssuer = fixture.Server.Issuer + Globex,
            IssuerSigningKeys = globexKeys.GetSigningKeys(),
            ValidAlgorithms = ["RS256"],
            ValidateAudience = false,
        };

        var result = await new JsonWebTokenHandler().ValidateTokenAsync(access, parameters);
        Assert.True(result.IsValid, result.Exception?.Message);
        Assert.Equal(client.Str("client_id"), ((JsonWebToken)result.SecurityToken).Subject);
        Assert.Contains(globexKeys.Keys, k => k.Kid == ((JsonWebToken)result.SecurityToken).Kid);
        parameters.IssuerSigningKeys = rootKeys.GetSigningKeys();
        Assert.False((await new JsonWebTokenHandler().ValidateTokenAsync(access, parameters)).IsValid);
        Assert.Equal(fixture.Server.Issuer + Globex, new JsonWebToken(token).Issuer);
    }

    [Fact]
    public async Task Admin_credentials_of_one_tenant_are_worthless_in_another()
    {
        await (await Http.TokenAsync(Acme, "grant_type=client_credentials&client_id=registerClient&client_secret=password"))
            .AssertErrorAsync(HttpStatusCode.Unauthorized, "invalid_client");
        await (await Http.TokenAsync("", $"grant_type=client_credentials&client_id=registerClient&client_secret={ServerFixture.AcmeSecret}"))
            .AssertErrorAsync(HttpStatusCode.Unauthorized, "invalid_client");
        await (await Http.TokenAsync(Globex, "grant_type=client_credentials&client_id=registerClient&client_secret=password"))
            .AssertErrorAsync(HttpStatusCode.Unauthorized, "invalid_client");
    }

    [Fact]
    public async Task Access_tokens_of_one_tenant_are_refused_by_another_even_after_they_were_accepted()
    {
        var rootAdmin = await Http.AdminTokenAsync();
        var acmeAdmin = await Http.AdminTokenAsync(Acme, secret: ServerFixture.AcmeSecret);

        // Accepted (and so remembered by the gateway's cache of validated tokens) where they belong first.
        await Http.RegisterAsync(adminToken: rootAdmin);
        await Http.RegisterAsync(Acme, """{"scope": "orders.read"}""", acmeAdmin);

        await (await Http.SendJsonAsync(HttpMethod.Post, Acme + "/register", rootAdmin, OAuthClient.ExampleRegistration)).AssertErrorAsync(HttpStatusCode.Unauthorized, "invalid_token");
        await (await Http.SendJsonAsync(HttpMethod.Post, "/register", acmeAdmin, OAuthClient.ExampleRegistration)).AssertErrorAsync(HttpStatusCode.Unauthorized, "invalid_token");
        await (await Http.SendJsonAsync(HttpMethod.Post, Globex + "/register", acmeAdmin, OAuthClient.ExampleRegistration)).AssertErrorAsync(HttpStatusCode.Unauthorized, "invalid_token");
    }

    [Fact]
    public async Task Clients_and_registration_tokens_of_one_tenant_are_unknown_in_another()
    {
        var acmeToken = await Http.AdminTokenAsync(Acme, secret: ServerFixture.AcmeSecret);
        var client = await Http.RegisterAsync(Acme, """{"scope": "orders.read"}""", acmeToken);
        var clientId = client.Str("client_id");

        await (await Http.TokenAsync("", "grant_type=client_credentials", OAuthClient.Basic(client))).AssertErrorAsync(HttpStatusCode.Unauthorized, "invalid_client");
        await (await Http.TokenAsync(Globex, "grant_type=client_credentials", OAuthClient.Basic(client))).AssertErrorAsync(HttpStatusCode.Unauthorized, "invalid_client");
        foreach (var prefix in new[] { "", Globex })
        {
            await (await Http.SendJsonAsync(HttpMethod.Get, $"{prefix}/register/{clientId}", client.Str("registration_access_token"), null))
                .AssertErrorAsync(HttpStatusCode.Unauthorized, "invalid_token");
            await (await Http.SendJsonAsync(HttpMethod.Delete, $"{prefix}/register/{clientId}", client.Str("registration_access_token"), null))
                .AssertErrorAsync(HttpStatusCode.Unauthorized, "invalid_token");
        }

        var token = await (await Http.TokenAsync(Acme, "grant_type=client_credentials", OAuthClient.Basic(client))).JsonAsync();
        Assert.Equal("orders.read", token.Str("scope"));
        Assert.Equal(HttpStatusCode.OK, (await Http.SendJsonAsync(HttpMethod.Get, $"{Acme}/register/{clientId}", client.Str("registration_access_token"), null)).StatusCode);
    }

    [Fact]
    public async Task A_tenant_applies_its_own_registration_policy()
    {
        var acmeToken = await Http.AdminTokenAsync(Acme, secret: ServerFixture.AcmeSecret);

        var error = await fixture.Server.AssertErrorAsync(await Http.SendJsonAsync(HttpMethod.Post, Acme + "/register", acmeToken, OAuthClient.ExampleRegistration),
            HttpStatusCode.BadRequest, "invalid_client_metadata", ErrorIds.ScopeNotAllowed);
        Assert.Contains("'openid'", error.Str("error_description"), StringComparison.Ordinal);

        var defaults = await Http.RegisterAsync(Acme, "{}", acmeToken);
        Assert.Equal(["client_credentials"], defaults.GetProperty("grant_types").EnumerateArray().Select(e => e.GetString()));
    }

    [Theory]
    [InlineData("/tenants/nobody/token")]
    [InlineData("/tenants/nobody/.well-known/openid-configuration")]
    [InlineData("/tenants/default/jwks")]
    [InlineData("/tenants/Acme/jwks")]
    [InlineData("/.well-known/oauth-authorization-server/tenants/nobody")]
    public async Task Unknown_tenants_are_404(string path)
    {
        var response = path.EndsWith("/token", StringComparison.Ordinal)
            ? await Http.TokenAsync(path[..^"/token".Length], "grant_type=client_credentials&client_id=registerClient&client_secret=password")
            : await Http.GetAsync(path);

        await response.AssertErrorAsync(HttpStatusCode.NotFound, "invalid_request");
    }
}
