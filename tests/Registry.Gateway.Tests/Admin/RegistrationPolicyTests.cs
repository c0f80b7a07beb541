using System.Net;
using Registry.Protocol.Errors;

namespace Registry.Gateway.Tests.Admin;

/// <summary>A tenant's registration policy (RFC 7591 §3.1): disallowed values refused or narrowed, on create and on RFC 7592 update.</summary>
[Collection(AdminCollectionDefinition.Name)]
public sealed class RegistrationPolicyTests(AdminFixture fixture)
{
    private const string Wide = """
        {"grant_types":["authorization_code","client_credentials"],"response_types":["code"],"scope":"openid email",
         "redirect_uris":["https://app.partner.example/cb","https://evil.example/cb"]}
        """;

    private async Task<string> TenantAsync(string onDisallowed) => (await fixture.CreateTenantAsync(new()
    {
        ["registration_mode"] = "open",
        ["on_disallowed"] = onDisallowed,
        ["allowed_scopes"] = new List<string> { "openid" },
        ["allowed_grant_types"] = new List<string> { "authorization_code" },
        ["redirect_uri_hosts"] = new List<string> { "*.partner.example" },
    })).Str("name");

    [Fact]
    public async Task Reject_refuses_a_disallowed_value_naming_the_member()
    {
        var tenant = await TenantAsync("reject");

        using var response = await fixture.Http.SendJsonAsync(HttpMethod.Post, $"/tenants/{tenant}/register", null, Wide);

        var body = await response.AssertErrorAsync(HttpStatusCode.BadRequest, "invalid_client_metadata");
        Assert.Contains("grant_types", body.Str("error_description"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Narrow_drops_what_is_not_allowed_and_answers_the_narrowed_values()
    {
        var tenant = await TenantAsync("narrow");

        using var response = await fixture.Http.SendJsonAsync(HttpMethod.Post, $"/tenants/{tenant}/register", null, Wide);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var client = await response.JsonAsync();
        Assert.Equal(["authorization_code"], client.GetProperty("grant_types").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["https://app.partner.example/cb"], client.GetProperty("redirect_uris").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("openid", client.Str("scope"));

        // The same policy holds on an RFC 7592 update.
        var update = $$"""
            {"client_id":"{{client.Str("client_id")}}","grant_types":["authorization_code","client_credentials"],
             "redirect_uris":["https://other.partner.example/cb","https://evil.example/cb"]}
            """;
        using var updated = await fixture.Http.SendJsonAsync(HttpMethod.Put, client.Str("registration_client_uri"), client.Str("registration_access_token"), update);
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        var after = await updated.JsonAsync();
        Assert.Equal(["authorization_code"], after.GetProperty("grant_types").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["https://other.partner.example/cb"], after.GetProperty("redirect_uris").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task Narrowing_that_leaves_nothing_usable_is_refused()
    {
        var tenant = await TenantAsync("narrow");

        using var response = await fixture.Http.SendJsonAsync(HttpMethod.Post, $"/tenants/{tenant}/register", null,
            """{"grant_types":["authorization_code"],"redirect_uris":["https://evil.example/cb"]}""");

        await fixture.Server.AssertErrorAsync(response, HttpStatusCode.BadRequest, "invalid_redirect_uri", ErrorIds.PolicyRedirectHostNotAllowed);
    }

    [Fact]
    public async Task Admin_token_mode_still_requires_the_tenant_admin_token()
    {
        var tenant = (await fixture.CreateTenantAsync(new() { ["registration_mode"] = "admin_token" })).Str("name");

        using var response = await fixture.Http.SendJsonAsync(HttpMethod.Post, $"/tenants/{tenant}/register", null, OAuthClient.ExampleRegistration);

        await fixture.Server.AssertErrorAsync(response, HttpStatusCode.Unauthorized, "invalid_token", ErrorIds.BearerMissing);
    }

    [Fact]
    public async Task Open_registration_keeps_the_quota()
    {
        var tenant = (await fixture.CreateTenantAsync(new() { ["registration_mode"] = "open", ["max_clients"] = 1 })).Str("name");

        using var first = await fixture.Http.SendJsonAsync(HttpMethod.Post, $"/tenants/{tenant}/register", null, """{"redirect_uris":["http://127.0.0.1/cb"]}""");
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        using var second = await fixture.Http.SendJsonAsync(HttpMethod.Post, $"/tenants/{tenant}/register", null, """{"redirect_uris":["http://127.0.0.1/cb"]}""");
        Assert.Equal(HttpStatusCode.Forbidden, second.StatusCode);
    }
}
