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
        Assert.False(client.TryGetProperty("client_secret", out _), client.ToString());
        Assert.False(client.TryGetProperty("client_secret_expires_at", out _), client.ToString());
    }

    [Fact]
    public async Task A_public_client_cannot_use_client_credentials()
    {
        using var registered = await fixture.RegisterRawAsync("", """
            {"grant_types": ["client_credentials"], "token_endpoint_auth_method": "none"}
            """);

        // RFC 6749 §4.4: the client credentials grant is for confidential clients only.
        await registered.AssertErrorAsync(HttpStatusCode.BadRequest, "invalid_client_metadata");
    }

    /// <summary>
    /// Tenants created through the admin API have no upstream yet (configuration only), so no code can be obtained there:
    /// the client's authentication is what is checked — it comes before the grant, so a made-up code is answered
    /// invalid_grant while the tenant allows public clients and invalid_client once it does not.
    /// </summary>
    [Fact]
    public async Task When_a_tenant_stops_allowing_public_clients_they_can_no_longer_use_the_token_endpoint()
    {
        var operatorToken = (await (await fixture.Http.TokenAsync("/admin", "grant_type=client_credentials", OAuthClient.Basic("operator", "password"))).JsonAsync()).Str("access_token");
        var name = "t" + Guid.NewGuid().ToString("N")[..12];
        var prefix = "/tenants/" + name;
        var tenant = new Dictionary<string, object?>
        {
            ["name"] = name,
            ["registration_mode"] = "open",
            ["allowed_scopes"] = new List<string> { "notes.read", "notes.write" },
            ["allowed_token_endpoint_auth_methods"] = new List<string> { "client_secret_basic", "none" },
        };
        using (var created = await fixture.Http.SendJsonAsync(HttpMethod.Post, "/admin/tenants", operatorToken, JsonSerializer.Serialize(tenant)))
        {
            Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        }

        var client = await fixture.RegisterAsync(prefix, authMethod: "none", redirectUri: "http://127.0.0.1/callback", open: true);
        var request = AuthorizationFixture.RequestFor(client);
        await fixture.Server.AssertErrorAsync(await fixture.TokenAsync(client, request.TokenForm("made-up-code"), prefix),
            HttpStatusCode.BadRequest, "invalid_grant", ErrorIds.TokenCodeInvalid);

        tenant.Remove("name");
        tenant["allowed_token_endpoint_auth_methods"] = new List<string> { "client_secret_basic" };
        using (var changed = await fixture.Http.SendJsonAsync(HttpMethod.Put, "/admin/tenants/" + name, operatorToken, JsonSerializer.Serialize(tenant)))
        {
            Assert.True(changed.StatusCode == HttpStatusCode.OK, await changed.Content.ReadAsStringAsync());
        }

        var refused = await Eventually.UntilAsync(() => fixture.TokenAsync(client, request.TokenForm("made-up-code"), prefix),
            r => r.StatusCode != HttpStatusCode.BadRequest, TimeSpan.FromSeconds(10), "the tenant's change to reach the token endpoint");
        await fixture.Server.AssertErrorAsync(refused, HttpStatusCode.Unauthorized, "invalid_client", ErrorIds.ClientAuthPublicNotAllowed);
        await fixture.Server.AssertErrorAsync(await fixture.RefreshAsync(client, "AAAAAAAAAAAAAAAAAAAAAA.x", prefix: prefix),
            HttpStatusCode.Unauthorized, "invalid_client", ErrorIds.ClientAuthPublicNotAllowed);
    }
}
