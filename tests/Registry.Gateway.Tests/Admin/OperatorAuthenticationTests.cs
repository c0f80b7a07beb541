using System.Net;
using System.Net.Http.Headers;
using Registry.Protocol.Errors;

namespace Registry.Gateway.Tests.Admin;

/// <summary>POST /admin/token and the operator bearer token every other admin call requires.</summary>
[Collection(AdminCollectionDefinition.Name)]
public sealed class OperatorAuthenticationTests(AdminFixture fixture)
{
    [Fact]
    public async Task The_operator_gets_a_registry_admin_token_with_basic_or_post_credentials()
    {
        using var basic = await fixture.RequestOperatorTokenAsync();
        var token = await basic.JsonAsync();
        Assert.Equal("registry:admin", token.Str("scope"));
        Assert.Equal("Bearer", token.Str("token_type"));
        Assert.Equal("no-store", basic.Headers.CacheControl?.ToString());

        using var post = await fixture.Http.TokenAsync("/admin", "grant_type=client_credentials&client_id=operator&client_secret=password");
        Assert.Equal(HttpStatusCode.OK, post.StatusCode);

        using var tenants = await fixture.Http.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/admin/tenants")
        {
            Headers = { Authorization = new AuthenticationHeaderValue("Bearer", (await post.JsonAsync()).Str("access_token")) },
        });
        Assert.Equal(HttpStatusCode.OK, tenants.StatusCode);
    }

    [Fact]
    public async Task Wrong_operator_credentials_are_invalid_client()
    {
        using var response = await fixture.RequestOperatorTokenAsync(secret: "not-the-secret");

        await fixture.Server.AssertErrorAsync(response, HttpStatusCode.Unauthorized, "invalid_client", ErrorIds.ClientAuthFailed);
    }

    [Fact]
    public async Task Another_scope_than_registry_admin_is_refused()
    {
        using var response = await fixture.RequestOperatorTokenAsync(form: "grant_type=client_credentials&scope=register");

        await fixture.Server.AssertErrorAsync(response, HttpStatusCode.BadRequest, "invalid_scope", ErrorIds.TokenScopeNotRegistered);
    }

    [Fact]
    public async Task Admin_calls_without_a_token_are_401_with_a_bearer_challenge()
    {
        using var response = await fixture.Http.GetAsync("/admin/tenants");

        await fixture.Server.AssertErrorAsync(response, HttpStatusCode.Unauthorized, "invalid_token", ErrorIds.AdminBearerMissing);
        Assert.Equal("Bearer", response.Challenge().Scheme);
    }

    [Fact]
    public async Task A_tenant_admin_token_is_not_an_operator_token()
    {
        var tenantToken = await fixture.Http.AdminTokenAsync();
        using var response = await fixture.Http.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/admin/tenants")
        {
            Headers = { Authorization = new AuthenticationHeaderValue("Bearer", tenantToken) },
        });

        await fixture.Server.AssertErrorAsync(response, HttpStatusCode.Unauthorized, "invalid_token", ErrorIds.AdminBearerInvalid);
    }

    [Fact]
    public async Task An_operator_token_is_not_a_registration_token()
    {
        using var response = await fixture.Http.SendJsonAsync(HttpMethod.Post, "/register", await fixture.OperatorTokenAsync(), OAuthClient.ExampleRegistration);

        await fixture.Server.AssertErrorAsync(response, HttpStatusCode.Unauthorized, "invalid_token", ErrorIds.BearerInvalid);
    }

    [Fact]
    public async Task Every_admin_action_is_audited_naming_the_operator()
    {
        using var response = await fixture.AdminAsync(HttpMethod.Get, "/admin/tenants/configured");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var traceId = TraceParentHandler.TraceIdOf(response);
        var audit = Assert.Single(fixture.Server.Logs.Lines, l => l.Category == "Registry.Audit" && l.Text.Contains($"TraceId={traceId}", StringComparison.Ordinal));
        Assert.StartsWith("audit admin tenant_read operator=operator tenant=configured ", audit.Text, StringComparison.Ordinal);
        Assert.Contains("outcome=success", audit.Text, StringComparison.Ordinal);
    }
}
