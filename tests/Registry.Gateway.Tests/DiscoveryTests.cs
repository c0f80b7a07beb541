using System.Net;
using Microsoft.IdentityModel.Tokens;
using Registry.Gateway.Tests.Infrastructure;

namespace Registry.Gateway.Tests;

/// <summary>RFC 8414 / OpenID Connect Discovery metadata and the JWK Set of the default tenant.</summary>
[Collection(ServerCollectionDefinition.Name)]
public sealed class DiscoveryTests(ServerFixture fixture)
{
    private HttpClient Http => fixture.Http;

    [Theory]
    [InlineData("/.well-known/openid-configuration")]
    [InlineData("/.well-known/oauth-authorization-server")]
    public async Task Metadata_points_at_the_endpoints_that_serve_the_walkthrough(string path)
    {
        var response = await Http.GetAsync(path);
        var metadata = await response.JsonAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var issuer = fixture.Server.Issuer;
        Assert.Equal(issuer, metadata.Str("issuer"));
        Assert.Equal(issuer + "/token", metadata.Str("token_endpoint"));
        Assert.Equal(issuer + "/register", metadata.Str("registration_endpoint"));
        Assert.Equal(issuer + "/jwks", metadata.Str("jwks_uri"));
        Assert.Equal(["client_credentials"], metadata.GetProperty("grant_types_supported").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains("client_secret_basic", metadata.GetProperty("token_endpoint_auth_methods_supported").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains("RS256", metadata.GetProperty("access_token_signing_alg_values_supported").EnumerateArray().Select(e => e.GetString()));

        // Without an upstream provider the tenant signs no users in: no authorization endpoint, no ID token algorithms.
        Assert.False(metadata.TryGetProperty("authorization_endpoint", out _));
        Assert.False(metadata.TryGetProperty("id_token_signing_alg_values_supported", out _));
        Assert.Equal(HttpStatusCode.OK, (await Http.GetAsync(new Uri(metadata.Str("jwks_uri")))).StatusCode);
    }

    [Fact]
    public async Task The_jwks_publishes_public_rsa_signing_keys_only()
    {
        var response = await Http.GetAsync("/jwks");
        var set = new JsonWebKeySet(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var key = Assert.Single(set.Keys);
        Assert.Equal(("RSA", "sig", "RS256"), (key.Kty, key.Use, key.Alg));
        Assert.False(key.HasPrivateKey);
        Assert.Null(key.D);
        // The issuer follows the Host header here, so no shared cache may keep one host's answer for another.
        Assert.True(response.Headers.CacheControl?.Private);
        Assert.False(response.Headers.CacheControl?.Public);
        Assert.Contains("Host", response.Headers.Vary);
    }

    [Fact]
    public async Task Without_a_configured_issuer_it_follows_the_host_the_request_arrived_at()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/.well-known/openid-configuration");
        request.Headers.Host = "registry.example:8443";

        var metadata = await (await Http.SendAsync(request)).JsonAsync();

        Assert.Equal("http://registry.example:8443", metadata.Str("issuer"));
        Assert.Equal("http://registry.example:8443/token", metadata.Str("token_endpoint"));
    }

    [Fact]
    public async Task Every_response_says_nosniff()
    {
        Assert.Contains("nosniff", (await Http.GetAsync("/jwks")).Headers.GetValues("X-Content-Type-Options"));
    }
}
