using System.Net;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Registry.Gateway.Tests.Infrastructure;

namespace Registry.Gateway.Tests.Authorization;

/// <summary>
/// A tenant created through the admin API with an <c>upstream</c>: its users sign in there exactly as a configured
/// tenant's do, the client secret is write-only, a replacement may keep it, and removing the upstream stops sign-in.
/// </summary>
[Collection(AuthorizationCollectionDefinition.Name)]
public sealed class RuntimeTenantUpstreamTests(AuthorizationFixture fixture)
{
    private const string AdminSecret = "runtime-upstream-admin-secret-0123456789";

    [Fact]
    public async Task Users_of_a_tenant_whose_upstream_came_through_the_admin_api_sign_in_there_and_a_replacement_keeps_the_secret()
    {
        var name = "up" + Guid.NewGuid().ToString("N")[..10];
        var prefix = "/tenants/" + name;
        fixture.Upstream.AllowRedirectUri(fixture.CallbackOf(prefix));

        using var created = await AdminAsync(HttpMethod.Post, "/admin/tenants", Tenant(name, Upstream(fixture.Upstream.ClientSecret)));
        var tenant = await created.JsonAsync();
        Assert.True(created.StatusCode == HttpStatusCode.Created, tenant.ToString());
        var upstream = tenant.GetProperty("upstream");
        Assert.Equal((fixture.Upstream.Issuer.TrimEnd('/'), fixture.Upstream.ClientId, "openid"),
            (upstream.Str("issuer"), upstream.Str("client_id"), string.Join(' ', upstream.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()))));
        Assert.False(upstream.TryGetProperty("client_secret", out _));
        Assert.DoesNotContain(fixture.Upstream.ClientSecret, tenant.ToString(), StringComparison.Ordinal);
        Assert.Equal(fixture.IssuerOf(prefix) + "/authorize", (await MetadataAsync(prefix)).Str("authorization_endpoint"));

        var client = await RegisterAsync(prefix);
        var tokens = await fixture.TokensAsync(client, prefix);
        var jwt = new JsonWebToken(tokens.Str("access_token"));
        Assert.Equal(("alice", fixture.Upstream.Issuer), (jwt.Subject, jwt.GetPayloadValue<string>("idp")));

        // The replacement omits the secret: the stored one is kept, so sign-in still works.
        using (var replaced = await AdminAsync(HttpMethod.Put, "/admin/tenants/" + name, Tenant(name, Upstream(secret: null))))
        {
            Assert.True(replaced.StatusCode == HttpStatusCode.OK, (await replaced.JsonAsync()).ToString());
        }

        Assert.Equal("alice", new JsonWebToken((await fixture.TokensAsync(client, prefix)).Str("access_token")).Subject);

        // Without an upstream the tenant signs no users in and says so.
        using (var removed = await AdminAsync(HttpMethod.Put, "/admin/tenants/" + name, Tenant(name, upstream: null)))
        {
            Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
            Assert.Equal(JsonValueKind.Null, (await removed.JsonAsync()).GetProperty("upstream").ValueKind);
        }

        Assert.False((await MetadataAsync(prefix)).TryGetProperty("authorization_endpoint", out _));
    }

    [Fact]
    public async Task A_replacement_that_changes_the_upstream_client_must_give_its_secret()
    {
        var name = "up" + Guid.NewGuid().ToString("N")[..10];
        using (var created = await AdminAsync(HttpMethod.Post, "/admin/tenants", Tenant(name, Upstream(fixture.Upstream.ClientSecret))))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        var other = new Dictionary<string, object?> { ["issuer"] = fixture.Upstream.Issuer, ["client_id"] = "another-client" };
        using var response = await AdminAsync(HttpMethod.Put, "/admin/tenants/" + name, Tenant(name, other));

        var body = await fixture.Server.AssertErrorAsync(response, HttpStatusCode.BadRequest, "invalid_request", "admin.body_invalid");
        Assert.Contains("upstream.client_secret", body.Str("error_description"), StringComparison.Ordinal);
    }

    public static TheoryData<string, string> BadUpstreams => new()
    {
        { """{"issuer":"http://login.example","client_id":"c","client_secret":"s"}""", "upstream.issuer" },
        { """{"issuer":"https://login.example?x=1","client_id":"c","client_secret":"s"}""", "upstream.issuer" },
        { """{"issuer":"login.example","client_id":"c","client_secret":"s"}""", "upstream.issuer" },
        { """{"issuer":"https://login.example","client_secret":"s"}""", "upstream.client_id" },
        { """{"issuer":"https://login.example","client_id":"c"}""", "upstream.client_secret" },
        { """{"issuer":"https://login.example","client_id":"c","client_secret":"s","scopes":["profile"]}""", "upstream.scopes" },
        { """{"issuer":"https://login.example","client_id":"c","client_secret":"s","scopes":["bad scope"]}""", "upstream.scopes" },
    };

    [Theory]
    [MemberData(nameof(BadUpstreams))]
    public async Task A_bad_upstream_is_refused_naming_the_member(string upstream, string member)
    {
        var name = "up" + Guid.NewGuid().ToString("N")[..10];
        var body = $$"""{"name":"{{name}}","registration_mode":"admin_token","upstream":{{upstream}}}""";

        using var response = await AdminAsync(HttpMethod.Post, "/admin/tenants", body);

        var error = await fixture.Server.AssertErrorAsync(response, HttpStatusCode.BadRequest, "invalid_request", "admin.body_invalid");
        Assert.StartsWith(member, error.Str("error_description"), StringComparison.Ordinal);
    }

    private Dictionary<string, object?> Upstream(string? secret) => new()
    {
        ["issuer"] = fixture.Upstream.Issuer,
        ["client_id"] = fixture.Upstream.ClientId,
        ["client_secret"] = secret,
        ["scopes"] = new[] { "openid" },
    };

    private static Dictionary<string, object?> Tenant(string name, Dictionary<string, object?>? upstream) => new()
    {
        ["name"] = name,
        ["registration_mode"] = "admin_token",
        ["admin_client_secret"] = AdminSecret,
        ["allowed_scopes"] = new[] { "notes.read", "notes.write" },
        ["upstream"] = upstream,
    };

    private async Task<JsonElement> RegisterAsync(string prefix)
    {
        var token = await fixture.Http.AdminTokenAsync(prefix, secret: AdminSecret);
        var body = $$"""
            {"client_name":"Notes app","grant_types":["authorization_code","refresh_token"],"response_types":["code"],
             "redirect_uris":["{{AuthorizationFixture.AppRedirect}}"],"scope":"{{AuthorizationFixture.Scope}}"}
            """;
        using var response = await fixture.Http.SendJsonAsync(HttpMethod.Post, prefix + "/register", token, body);
        var client = await response.JsonAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, client.ToString());
        return client;
    }

    private async Task<JsonElement> MetadataAsync(string prefix)
    {
        using var response = await fixture.Http.GetAsync(prefix + "/.well-known/oauth-authorization-server");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.JsonAsync();
    }

    private async Task<HttpResponseMessage> AdminAsync(HttpMethod method, string path, object body)
    {
        using var tokenResponse = await fixture.Http.TokenAsync("/admin", "grant_type=client_credentials", OAuthClient.Basic("operator", "password"));
        var token = (await tokenResponse.JsonAsync()).Str("access_token");
        var json = body as string ?? JsonSerializer.Serialize(body);
        return await fixture.Http.SendJsonAsync(method, path, token, json);
    }
}
