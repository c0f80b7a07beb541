using System.Net;
using System.Text.Json;
using Registry.Protocol.Errors;

namespace Registry.Gateway.Tests.Admin;

/// <summary>
/// Client secrets under the tenant's lifecycle policy, end to end: client_secret_expires_at at registration, an expired
/// secret refused as any failure (audited as expired), rotation by an RFC 7592 update and by an operator with the
/// previous secret accepted for the overlap, and /token applying the tenant's current scopes and lifetime bounds.
/// </summary>
[Collection(AdminCollectionDefinition.Name)]
public sealed class SecretLifecycleTests(AdminFixture fixture)
{
    private const string Machine = """{"grant_types": ["client_credentials"], "scope": "a b"}""";

    private static long Now => DateTimeOffset.UtcNow.ToUnixTimeSeconds();

    [Fact]
    public async Task A_registration_gets_client_secret_expires_at_from_the_tenants_secret_lifetime_and_the_admin_read_shows_it()
    {
        var (prefix, name, token) = await TenantAsync(new() { ["secret_lifetime_seconds"] = 86_400 });
        var before = Now;

        var client = await fixture.Http.RegisterAsync(prefix, Machine, token);

        var expiresAt = client.GetProperty("client_secret_expires_at").GetInt64();
        Assert.InRange(expiresAt, before + 86_400, Now + 86_400);
        using var read = await fixture.AdminAsync(HttpMethod.Get, $"/admin/tenants/{name}/clients/{client.Str("client_id")}");
        Assert.Equal(expiresAt, (await read.JsonAsync()).GetProperty("client_secret_expires_at").GetInt64());

        // Without a lifetime, the secret never expires (0), as before.
        var (otherPrefix, _, otherToken) = await TenantAsync([]);
        Assert.Equal(0, (await fixture.Http.RegisterAsync(otherPrefix, Machine, otherToken)).GetProperty("client_secret_expires_at").GetInt64());
    }

    [Fact]
    public async Task An_expired_secret_gets_invalid_client_like_a_wrong_one_and_the_audit_says_expired()
    {
        var (prefix, _, token) = await TenantAsync(new() { ["secret_lifetime_seconds"] = 2, ["secret_overlap_seconds"] = 0 });
        var client = await fixture.Http.RegisterAsync(prefix, Machine, token);
        var expiresAt = client.GetProperty("client_secret_expires_at").GetInt64();

        await Eventually.UntilAsync(() => Now > expiresAt, TimeSpan.FromSeconds(5), "the secret's expiry");
        using var expired = await fixture.Http.TokenAsync(prefix, "grant_type=client_credentials", OAuthClient.Basic(client));

        await fixture.Server.AssertErrorAsync(expired, HttpStatusCode.Unauthorized, "invalid_client", ErrorIds.ClientAuthFailed);
        var clientId = client.Str("client_id");
        Assert.Contains(fixture.Server.Logs.Lines, l => l.Category == "Registry.Audit" && l.Text.Contains(clientId, StringComparison.Ordinal) && l.Text.Contains("expired", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_update_under_on_update_answers_a_new_secret_and_the_previous_one_works_for_the_overlap()
    {
        var (prefix, _, token) = await TenantAsync(new() { ["secret_rotation"] = "on_update", ["secret_lifetime_seconds"] = 86_400, ["secret_overlap_seconds"] = 600 });
        var client = await fixture.Http.RegisterAsync(prefix, Machine, token);
        var clientId = client.Str("client_id");
        var body = $$"""{"client_id": "{{clientId}}", "grant_types": ["client_credentials"], "scope": "a"}""";

        using var update = await fixture.Http.SendJsonAsync(HttpMethod.Put, $"{prefix}/register/{clientId}", client.Str("registration_access_token"), body);

        var updated = await update.JsonAsync();
        Assert.True(update.StatusCode == HttpStatusCode.OK, updated.ToString());
        var secret = updated.Str("client_secret");
        Assert.NotEqual(client.Str("client_secret"), secret);
        Assert.InRange(updated.GetProperty("client_secret_expires_at").GetInt64(), Now + 86_390, Now + 86_400);
        Assert.NotEmpty(await fixture.Http.ClientTokenAsync(prefix, updated));
        Assert.NotEmpty(await fixture.Http.ClientTokenAsync(prefix, client));

        // A second update rotates again: the first secret is no longer the previous one.
        using var again = await fixture.Http.SendJsonAsync(HttpMethod.Put, $"{prefix}/register/{clientId}", updated.Str("registration_access_token"), body);
        var twice = await again.JsonAsync();
        Assert.NotEqual(secret, twice.Str("client_secret"));
        using var first = await fixture.Http.TokenAsync(prefix, "grant_type=client_credentials", OAuthClient.Basic(client));
        await fixture.Server.AssertErrorAsync(first, HttpStatusCode.Unauthorized, "invalid_client", ErrorIds.ClientAuthFailed);
        Assert.NotEmpty(await fixture.Http.ClientTokenAsync(prefix, updated));
    }

    [Fact]
    public async Task An_update_under_never_or_far_from_expiry_keeps_the_secret()
    {
        foreach (var policy in new Dictionary<string, object?>[] { [], new() { ["secret_rotation"] = "near_expiry", ["secret_lifetime_seconds"] = 86_400 } })
        {
            var (prefix, _, token) = await TenantAsync(policy);
            var client = await fixture.Http.RegisterAsync(prefix, Machine, token);
            var clientId = client.Str("client_id");

            using var update = await fixture.Http.SendJsonAsync(HttpMethod.Put, $"{prefix}/register/{clientId}", client.Str("registration_access_token"),
                $$"""{"client_id": "{{clientId}}", "grant_types": ["client_credentials"], "scope": "a"}""");

            var updated = await update.JsonAsync();
            Assert.Equal(HttpStatusCode.OK, update.StatusCode);
            Assert.False(updated.TryGetProperty("client_secret", out _), updated.ToString());
            Assert.Equal(client.GetProperty("client_secret_expires_at").GetInt64(), updated.GetProperty("client_secret_expires_at").GetInt64());
            Assert.NotEmpty(await fixture.Http.ClientTokenAsync(prefix, client));
        }
    }

    [Fact]
    public async Task An_operator_rotates_a_secret_and_the_previous_one_works_until_the_overlap_ends()
    {
        var (prefix, name, token) = await TenantAsync(new() { ["secret_lifetime_seconds"] = 7200, ["secret_overlap_seconds"] = 300 });
        var client = await fixture.Http.RegisterAsync(prefix, Machine, token);
        var clientId = client.Str("client_id");

        using var rotate = await fixture.AdminAsync(HttpMethod.Post, $"/admin/tenants/{name}/clients/{clientId}/secret/rotate");

        var rotated = await rotate.JsonAsync();
        Assert.True(rotate.StatusCode == HttpStatusCode.OK, rotated.ToString());
        Assert.True(rotate.Headers.CacheControl?.NoStore);
        Assert.Equal(["client_id", "client_secret", "client_secret_expires_at", "previous_secret_expires_at"], rotated.EnumerateObject().Select(p => p.Name));
        Assert.Equal(clientId, rotated.Str("client_id"));
        Assert.NotEqual(client.Str("client_secret"), rotated.Str("client_secret"));
        Assert.InRange(rotated.GetProperty("client_secret_expires_at").GetInt64(), Now + 7190, Now + 7200);
        Assert.InRange(rotated.GetProperty("previous_secret_expires_at").GetInt64(), Now + 290, Now + 300);
        Assert.NotEmpty(await fixture.Http.ClientTokenAsync(prefix, rotated));
        Assert.NotEmpty(await fixture.Http.ClientTokenAsync(prefix, client));

        using var read = await fixture.AdminAsync(HttpMethod.Get, $"/admin/tenants/{name}/clients/{clientId}");
        Assert.Equal(rotated.GetProperty("client_secret_expires_at").GetInt64(), (await read.JsonAsync()).GetProperty("client_secret_expires_at").GetInt64());
        Assert.DoesNotContain(rotated.Str("client_secret"), fixture.Server.Logs.AllText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rotating_the_secret_of_an_unknown_or_deleted_client_is_404_and_of_a_public_client_400()
    {
        var (prefix, name, token) = await TenantAsync(new() { ["allowed_token_endpoint_auth_methods"] = new List<string> { "client_secret_basic", "none" } });
        var client = await fixture.Http.RegisterAsync(prefix, Machine, token);
        var clientId = client.Str("client_id");
        var publicClient = await fixture.Http.RegisterAsync(prefix,
            """{"redirect_uris": ["https://app.example/cb"], "token_endpoint_auth_method": "none", "grant_types": ["authorization_code"], "scope": "a"}""", token);

        using var forPublic = await fixture.AdminAsync(HttpMethod.Post, $"/admin/tenants/{name}/clients/{publicClient.Str("client_id")}/secret/rotate");
        await fixture.Server.AssertErrorAsync(forPublic, HttpStatusCode.BadRequest, "invalid_request", ErrorIds.AdminClientPublic);

        using var madeUp = await fixture.AdminAsync(HttpMethod.Post, $"/admin/tenants/{name}/clients/not-a-client/secret/rotate");
        await fixture.Server.AssertErrorAsync(madeUp, HttpStatusCode.NotFound, "invalid_request", ErrorIds.AdminClientNotFound);
        using var otherTenant = await fixture.AdminAsync(HttpMethod.Post, $"/admin/tenants/no-such-tenant/clients/{clientId}/secret/rotate");
        await fixture.Server.AssertErrorAsync(otherTenant, HttpStatusCode.NotFound, "invalid_request", ErrorIds.AdminClientNotFound);

        using var deleted = await fixture.AdminAsync(HttpMethod.Delete, $"/admin/tenants/{name}/clients/{clientId}");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        using var afterDelete = await fixture.AdminAsync(HttpMethod.Post, $"/admin/tenants/{name}/clients/{clientId}/secret/rotate");
        await fixture.Server.AssertErrorAsync(afterDelete, HttpStatusCode.NotFound, "invalid_request", ErrorIds.AdminClientNotFound);
    }

    [Fact]
    public async Task The_token_endpoint_applies_the_tenants_current_scopes_and_lifetime_bounds()
    {
        var (prefix, name, token) = await TenantAsync([]);
        var client = await fixture.Http.RegisterAsync(prefix, """{"grant_types": ["client_credentials"], "scope": "a b", "token_expiration_time_seconds": 3600}""", token);
        var before = await (await fixture.Http.TokenAsync(prefix, "grant_type=client_credentials", OAuthClient.Basic(client))).JsonAsync();
        Assert.Equal(("a b", 3600), (before.Str("scope"), before.GetProperty("expires_in").GetInt32()));

        // The operator withdraws scope b and lowers the longest lifetime.
        using var replaced = await fixture.AdminAsync(HttpMethod.Put, $"/admin/tenants/{name}", new Dictionary<string, object?>
        {
            ["registration_mode"] = "admin_token",
            ["allowed_scopes"] = new List<string> { "a" },
            ["default_token_lifetime_seconds"] = 600,
            ["max_token_lifetime_seconds"] = 900,
        });
        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);

        using var response = await fixture.Http.TokenAsync(prefix, "grant_type=client_credentials", OAuthClient.Basic(client));
        var after = await response.JsonAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, after.ToString());
        Assert.Equal(("a", 900), (after.Str("scope"), after.GetProperty("expires_in").GetInt32()));
        using var claims = JsonDocument.Parse(Base64Url(after.Str("access_token").Split('.')[1]));
        var payload = claims.RootElement;
        Assert.Equal("a", payload.GetProperty("scope").GetString());
        Assert.Equal(900, payload.GetProperty("exp").GetInt64() - payload.GetProperty("iat").GetInt64());

        using var withdrawn = await fixture.Http.TokenAsync(prefix, "grant_type=client_credentials&scope=b", OAuthClient.Basic(client));
        var error = await fixture.Server.AssertErrorAsync(withdrawn, HttpStatusCode.BadRequest, "invalid_scope", ErrorIds.TokenScopeNotAllowed);
        Assert.Contains("'b'", error.Str("error_description"), StringComparison.Ordinal);
    }

    /// <summary>A new runtime tenant (scopes a and b, admin-token registration) with <paramref name="policy"/>: its path prefix, name and a register token.</summary>
    private async Task<(string Prefix, string Name, string Token)> TenantAsync(Dictionary<string, object?> policy)
    {
        var body = new Dictionary<string, object?>(policy) { ["registration_mode"] = "admin_token" };
        body.TryAdd("allowed_scopes", new List<string> { "a", "b" });
        var tenant = await fixture.CreateTenantAsync(body);
        var name = tenant.Str("name");
        var prefix = $"/tenants/{name}";
        return (prefix, name, await fixture.Http.AdminTokenAsync(prefix, "registerClient", tenant.Str("admin_client_secret")));
    }

    private static byte[] Base64Url(string text) => Convert.FromBase64String(text.Replace('-', '+').Replace('_', '/') + new string('=', (4 - (text.Length % 4)) % 4));
}
