using System.Net;
using System.Text.Json;
using Registry.Protocol.Errors;

namespace Registry.Gateway.Tests.Admin;

/// <summary>Initial access tokens (RFC 7591 §3): issued by the operator, counted exactly, valid only at their tenant's /register.</summary>
[Collection(AdminCollectionDefinition.Name)]
public sealed class InitialAccessTokenTests(AdminFixture fixture)
{
    private const string Registration = """{"grant_types":["client_credentials"],"scope":"openid"}""";

    private async Task<(string Tenant, JsonElement Token)> IssueAsync(int maxUses, object? allowedScopes = null, long expiresIn = 600)
    {
        var tenant = (await fixture.CreateTenantAsync(new() { ["registration_mode"] = "initial_access_token" })).Str("name");
        using var response = await fixture.AdminAsync(HttpMethod.Post, $"/admin/tenants/{tenant}/initial-access-tokens",
            new Dictionary<string, object?> { ["expires_in"] = expiresIn, ["max_uses"] = maxUses, ["allowed_scopes"] = allowedScopes });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (tenant, await response.JsonAsync());
    }

    [Fact]
    public async Task Concurrent_registrations_with_a_token_of_two_uses_give_exactly_two_clients()
    {
        var (tenant, token) = await IssueAsync(maxUses: 2);
        var iat = token.Str("initial_access_token");

        var attempts = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ =>
            fixture.Http.SendJsonAsync(HttpMethod.Post, $"/tenants/{tenant}/register", iat, Registration)));

        Assert.Equal(2, attempts.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.All(attempts.Where(r => r.StatusCode != HttpStatusCode.Created), r => Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode));
        var refused = attempts.First(r => r.StatusCode != HttpStatusCode.Created);
        await fixture.Server.AssertErrorAsync(refused, HttpStatusCode.Unauthorized, "invalid_token", ErrorIds.InitialAccessTokenInvalid);

        using var list = await fixture.AdminAsync(HttpMethod.Get, $"/admin/tenants/{tenant}/initial-access-tokens");
        var listed = Assert.Single((await list.JsonAsync()).GetProperty("initial_access_tokens").EnumerateArray());
        Assert.Equal(2, listed.GetProperty("uses").GetInt32());
        Assert.False(listed.TryGetProperty("initial_access_token", out _));
        foreach (var response in attempts)
        {
            response.Dispose();
        }
    }

    [Fact]
    public async Task A_token_narrows_the_scopes_and_a_revoked_one_stops_working()
    {
        var (tenant, token) = await IssueAsync(maxUses: 5, allowedScopes: new List<string> { "profile" });
        var iat = token.Str("initial_access_token");

        using var tooWide = await fixture.Http.SendJsonAsync(HttpMethod.Post, $"/tenants/{tenant}/register", iat, Registration);
        await fixture.Server.AssertErrorAsync(tooWide, HttpStatusCode.BadRequest, "invalid_client_metadata", ErrorIds.ScopeNotAllowed);
        using var narrow = await fixture.Http.SendJsonAsync(HttpMethod.Post, $"/tenants/{tenant}/register", iat, """{"grant_types":["client_credentials"],"scope":"profile"}""");
        Assert.Equal(HttpStatusCode.Created, narrow.StatusCode);

        using var revoked = await fixture.AdminAsync(HttpMethod.Delete, $"/admin/tenants/{tenant}/initial-access-tokens/{token.Str("id")}");
        Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        using var after = await fixture.Http.SendJsonAsync(HttpMethod.Post, $"/tenants/{tenant}/register", iat, """{"grant_types":["client_credentials"],"scope":"profile"}""");
        await fixture.Server.AssertErrorAsync(after, HttpStatusCode.Unauthorized, "invalid_token", ErrorIds.InitialAccessTokenInvalid);
    }

    [Fact]
    public async Task A_token_works_only_at_its_own_tenants_register_endpoint()
    {
        var (tenant, token) = await IssueAsync(maxUses: 5);
        var (other, _) = await IssueAsync(maxUses: 5);
        var iat = token.Str("initial_access_token");

        using var elsewhere = await fixture.Http.SendJsonAsync(HttpMethod.Post, $"/tenants/{other}/register", iat, Registration);
        await fixture.Server.AssertErrorAsync(elsewhere, HttpStatusCode.Unauthorized, "invalid_token", ErrorIds.BearerInvalid);
        using var atToken = await fixture.Http.TokenAsync($"/tenants/{tenant}", "grant_type=client_credentials&client_id=x&client_secret=" + iat);
        Assert.Equal(HttpStatusCode.Unauthorized, atToken.StatusCode);
        using var asBearerElsewhere = await fixture.Http.SendJsonAsync(HttpMethod.Post, "/register", iat, Registration);
        await fixture.Server.AssertErrorAsync(asBearerElsewhere, HttpStatusCode.Unauthorized, "invalid_token", ErrorIds.BearerInvalid);

        using var mine = await fixture.Http.SendJsonAsync(HttpMethod.Post, $"/tenants/{tenant}/register", iat, Registration);
        Assert.Equal(HttpStatusCode.Created, mine.StatusCode);
    }

    [Fact]
    public async Task An_expired_token_is_refused()
    {
        var (tenant, token) = await IssueAsync(maxUses: 5, expiresIn: 1);
        await Task.Delay(TimeSpan.FromSeconds(1.5));

        using var response = await fixture.Http.SendJsonAsync(HttpMethod.Post, $"/tenants/{tenant}/register", token.Str("initial_access_token"), Registration);
        await fixture.Server.AssertErrorAsync(response, HttpStatusCode.Unauthorized, "invalid_token", ErrorIds.InitialAccessTokenInvalid);
    }

    [Fact]
    public async Task Tokens_are_issued_only_for_tenants_in_initial_access_token_mode()
    {
        var tenant = (await fixture.CreateTenantAsync(new() { ["registration_mode"] = "admin_token" })).Str("name");
        using var response = await fixture.AdminAsync(HttpMethod.Post, $"/admin/tenants/{tenant}/initial-access-tokens",
            new Dictionary<string, object?> { ["expires_in"] = 60, ["max_uses"] = 1 });

        await fixture.Server.AssertErrorAsync(response, HttpStatusCode.Conflict, "invalid_request", ErrorIds.AdminModeMismatch);
    }

    [Theory]
    [InlineData("""{"expires_in":0,"max_uses":1}""")]
    [InlineData("""{"expires_in":60,"max_uses":0}""")]
    [InlineData("""{"expires_in":60}""")]
    [InlineData("""{"expires_in":60,"max_uses":1,"allowed_scopes":["not-allowed"]}""")]
    public async Task Bad_token_requests_are_400(string body)
    {
        var tenant = (await fixture.CreateTenantAsync(new() { ["registration_mode"] = "initial_access_token" })).Str("name");
        using var response = await fixture.AdminAsync(HttpMethod.Post, $"/admin/tenants/{tenant}/initial-access-tokens", body);

        await fixture.Server.AssertErrorAsync(response, HttpStatusCode.BadRequest, "invalid_request", ErrorIds.AdminBodyInvalid);
    }
}
