using System.Net;
using System.Text.Json;
using Registry.Protocol.Errors;

namespace Registry.Gateway.Tests.Authorization;

/// <summary>Public clients (token_endpoint_auth_method none) only where the tenant allows them, at registration and at every use.</summary>
[Collection(AuthorizationCollectionDefinition.Name)]
public sealed class PublicClientPolicyTests(AuthorizationFixture fixture)
{
    [Fact]
    public async Task A_tenant_that_does_not_allow_public_clients_refuses_to_register_one()
    {
        using var response = await fixture.RegisterRawAsync(AuthorizationFixture.Strict, $$"""
            {"grant_types": ["authorization_code"], "response_types": ["code"], "redirect_uris": ["http://127.0.0.1/callback"], "token_endpoint_auth_method": "none"}
            """);

        var body = await fixture.Server.AssertErrorAsync(response, HttpStatusCode.BadRequest, "invalid_client_metadata", ErrorIds.PolicyAuthMethodNotAllowed);
        Assert.Contains("token_endpoint_auth_method", body.Str("error_description"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_public_client_gets_no_secret()
    {
        var client = await fixture.RegisterAsync(authMethod: "none");

        Assert.Equal("none", client.Str("token_endpoint_auth_method"));
        Assert.False(client.TryGetProperty("client_secret", out _));
        Assert.False(client.TryGetProperty("client_secret_expires_at", out _));
    }

    [Fact]
    public async Task A_public_client_cannot_use_client_credentials()
    {
        using var registered = await fixture.RegisterRawAsync("", """
            {"grant_types": ["client_credentials"], "token_endpoint_auth_method": "none"}
            """);

        Assert.Equal(HttpStatusCode.BadRequest, registered.StatusCode);
    }

    [Fact]
    public async Task When_a_tenant_stops_allowing_public_clients_their_codes_and_refresh_tokens_are_refused()
    {
        var operatorToken = (await (await fixture.Http.TokenAsync("/admin", "grant_type=client_credentials", OAuthClient.Basic("operator", "password"))).JsonAsync()).Str("access_token");
        var name = "t" + Guid.NewGuid().ToString("N")[..12];
        var prefix = "/tenants/" + name;
        fixture.Upstream.AllowRedirectUri(fixture.CallbackOf(prefix));
        var tenant = new Dictionary<string, object?>
        {
            ["name"] = name,
            ["registration_mode"] = "open",
            ["allowed_token_endpoint_auth_methods"] = new List<string> { "client_secret_basic", "none" },
            ["upstream"] = new Dictionary<string, object?>
            {
                ["issuer"] = fixture.Upstream.Issuer,
                ["client_id"] = fixture.Upstream.ClientId,
                ["client_secret"] = fixture.Upstream.ClientSecret,
            },
        };
        using (var created = await fixture.Http.SendJsonAsync(HttpMethod.Post, "/admin/tenants", operatorToken, JsonSerializer.Serialize(tenant)))
        {
            Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        }

        var client = await fixture.RegisterAsync(prefix, authMethod: "none", redirectUri: "http://127.0.0.1/callback");
        var tokens = await fixture.TokensAsync(client, prefix);
        var request = AuthorizationFixture.RequestFor(client);
        var code = await fixture.CodeAsync(request, prefix);

        tenant.Remove("name");
        tenant["allowed_token_endpoint_auth_methods"] = new List<string> { "client_secret_basic" };
        using (var changed = await fixture.Http.SendJsonAsync(HttpMethod.Put, "/admin/tenants/" + name, operatorToken, JsonSerializer.Serialize(tenant)))
        {
            Assert.True(changed.StatusCode == HttpStatusCode.OK, await changed.Content.ReadAsStringAsync());
        }

        await Eventually.UntilAsync(
            async () => (await fixture.Http.GetStringAsync($"/.well-known/oauth-authorization-server{prefix}")).Contains("\"none\"", StringComparison.Ordinal),
            present => !present, TimeSpan.FromSeconds(10), "the tenant's change to reach the gateway");
        await fixture.Server.AssertErrorAsync(await fixture.TokenAsync(client, request.TokenForm(code), prefix), HttpStatusCode.Unauthorized, "invalid_client", ErrorIds.ClientAuthPublicNotAllowed);
        await fixture.Server.AssertErrorAsync(await fixture.RefreshAsync(client, tokens.Str("refresh_token"), prefix: prefix), HttpStatusCode.Unauthorized, "invalid_client", ErrorIds.ClientAuthPublicNotAllowed);
    }
}
