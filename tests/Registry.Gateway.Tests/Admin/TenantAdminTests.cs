using System.Net;
using System.Text.Json;
using Registry.Protocol.Errors;

namespace Registry.Gateway.Tests.Admin;

/// <summary>/admin/tenants: tenants created, read, listed, replaced and deleted at runtime, served at once.</summary>
[Collection(AdminCollectionDefinition.Name)]
public sealed class TenantAdminTests(AdminFixture fixture)
{
    [Fact]
    public async Task A_created_tenant_is_served_at_once_with_its_generated_admin_secret()
    {
        var tenant = await fixture.CreateTenantAsync(new() { ["registration_mode"] = "admin_token", ["allowed_scopes"] = new List<string> { "orders.read" } });
        var name = tenant.Str("name");
        Assert.Equal(fixture.Server.Issuer + "/tenants/" + name, tenant.Str("issuer"));
        Assert.Equal("admin_api", tenant.Str("source"));
        Assert.Equal("registerClient", tenant.Str("admin_client_id"));
        var secret = tenant.Str("admin_client_secret");
        Assert.True(secret.Length >= 32);

        var discovery = await (await fixture.Http.GetAsync($"/tenants/{name}/.well-known/openid-configuration")).JsonAsync();
        Assert.Equal(tenant.Str("issuer"), discovery.Str("issuer"));

        var token = await fixture.Http.AdminTokenAsync($"/tenants/{name}", "registerClient", secret);
        var client = await fixture.Http.RegisterAsync($"/tenants/{name}", """{"grant_types":["client_credentials"],"scope":"orders.read"}""", token);
        Assert.Equal("orders.read", client.Str("scope"));

        // Read back: never the secret again.
        using var read = await fixture.AdminAsync(HttpMethod.Get, $"/admin/tenants/{name}");
        var document = await read.JsonAsync();
        Assert.False(document.TryGetProperty("admin_client_secret", out var shown) && shown.ValueKind != JsonValueKind.Null);
        Assert.Equal(["orders.read"], document.GetProperty("allowed_scopes").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task The_lifecycle_policy_members_round_trip_through_create_read_and_replace()
    {
        var tenant = await fixture.CreateTenantAsync(new()
        {
            ["registration_mode"] = "admin_token",
            ["secret_lifetime_seconds"] = 7_776_000,
            ["secret_rotation"] = "near_expiry",
            ["secret_overlap_seconds"] = 7200,
            ["idle_disable_after_seconds"] = 2_592_000,
            ["idle_delete_after_seconds"] = 5_184_000,
            ["signing_key_lifetime_seconds"] = 172_800,
        });
        var name = tenant.Str("name");
        (string, long)[] given =
        [
            ("secret_lifetime_seconds", 7_776_000), ("secret_overlap_seconds", 7200), ("idle_disable_after_seconds", 2_592_000),
            ("idle_delete_after_seconds", 5_184_000), ("signing_key_lifetime_seconds", 172_800),
        ];
        using var read = await fixture.AdminAsync(HttpMethod.Get, $"/admin/tenants/{name}");
        var document = await read.JsonAsync();
        foreach (var shown in new[] { tenant, document })
        {
            Assert.Equal("near_expiry", shown.Str("secret_rotation"));
            Assert.All(given, m => Assert.Equal(m.Item2, shown.GetProperty(m.Item1).GetInt64()));
        }

        // Replaced without them: each goes back to its default.
        using var replaced = await fixture.AdminAsync(HttpMethod.Put, $"/admin/tenants/{name}", new Dictionary<string, object?> { ["registration_mode"] = "admin_token", ["secret_rotation"] = "on_update" });
        var defaults = await replaced.JsonAsync();
        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        Assert.Equal("on_update", defaults.Str("secret_rotation"));
        Assert.Equal((0L, 3600L, 0L, 0L, 7_776_000L), (
            defaults.GetProperty("secret_lifetime_seconds").GetInt64(), defaults.GetProperty("secret_overlap_seconds").GetInt64(),
            defaults.GetProperty("idle_disable_after_seconds").GetInt64(), defaults.GetProperty("idle_delete_after_seconds").GetInt64(),
            defaults.GetProperty("signing_key_lifetime_seconds").GetInt64()));
    }

    [Theory]
    [InlineData("secret_rotation", "sometimes", ErrorIds.AdminBodyInvalid)]
    [InlineData("secret_rotation", "near_expiry", ErrorIds.PolicyInvalid)]
    [InlineData("secret_lifetime_seconds", -1, ErrorIds.PolicyInvalid)]
    [InlineData("secret_overlap_seconds", 315_360_001, ErrorIds.PolicyInvalid)]
    [InlineData("idle_disable_after_seconds", -5, ErrorIds.PolicyInvalid)]
    [InlineData("idle_delete_after_seconds", -5, ErrorIds.PolicyInvalid)]
    [InlineData("signing_key_lifetime_seconds", 60, ErrorIds.PolicyInvalid)]
    public async Task A_bad_lifecycle_member_is_refused_naming_it(string member, object value, string errorId)
    {
        using var response = await fixture.AdminAsync(HttpMethod.Post, "/admin/tenants", new Dictionary<string, object?>
        {
            ["name"] = "lifecycle" + Guid.NewGuid().ToString("N")[..8],
            ["registration_mode"] = "admin_token",
            [member] = value,
        });

        var error = await fixture.Server.AssertErrorAsync(response, HttpStatusCode.BadRequest, "invalid_request", errorId);
        Assert.StartsWith(member + " ", error.Str("error_description"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_deleted_tenant_stops_at_once_and_a_recreated_one_does_not_accept_the_old_clients()
    {
        var tenant = await fixture.CreateTenantAsync(new() { ["registration_mode"] = "admin_token", ["admin_client_secret"] = new string('s', 40) });
        var name = tenant.Str("name");
        var token = await fixture.Http.AdminTokenAsync($"/tenants/{name}", "registerClient", new string('s', 40));
        var client = await fixture.Http.RegisterAsync($"/tenants/{name}", adminToken: token);

        using var deleted = await fixture.AdminAsync(HttpMethod.Delete, $"/admin/tenants/{name}");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        using var gone = await fixture.Http.GetAsync($"/tenants/{name}/.well-known/openid-configuration");
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);

        using var again = await fixture.AdminAsync(HttpMethod.Post, "/admin/tenants", new Dictionary<string, object?>
        {
            ["name"] = name,
            ["registration_mode"] = "admin_token",
            ["admin_client_secret"] = new string('s', 40),
        });
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        using var oldClient = await fixture.Http.TokenAsync($"/tenants/{name}", "grant_type=client_credentials", OAuthClient.Basic(client));
        await fixture.Server.AssertErrorAsync(oldClient, HttpStatusCode.Unauthorized, "invalid_client", ErrorIds.ClientAuthFailed);
    }

    [Fact]
    public async Task Replacing_a_tenant_changes_its_policy_and_keeps_its_secret_unless_given()
    {
        var tenant = await fixture.CreateTenantAsync(new() { ["registration_mode"] = "admin_token" });
        var name = tenant.Str("name");
        using var replaced = await fixture.AdminAsync(HttpMethod.Put, $"/admin/tenants/{name}", new Dictionary<string, object?>
        {
            ["registration_mode"] = "open",
            ["allowed_scopes"] = new List<string> { "a", "b" },
            ["max_clients"] = 10,
        });
        var document = await replaced.JsonAsync();
        Assert.Equal("open", document.Str("registration_mode"));
        Assert.Equal(10, document.GetProperty("max_clients").GetInt64());

        // The admin secret was kept, and open registration needs no token.
        var token = await fixture.Http.AdminTokenAsync($"/tenants/{name}", "registerClient", tenant.Str("admin_client_secret"));
        Assert.NotEmpty(token);
        using var open = await fixture.Http.SendJsonAsync(HttpMethod.Post, $"/tenants/{name}/register", null, """{"redirect_uris":["https://app.example/cb"],"scope":"a"}""");
        Assert.Equal(HttpStatusCode.Created, open.StatusCode);
    }

    [Fact]
    public async Task Tenants_are_listed_by_name_page_by_page()
    {
        for (var i = 0; i < 3; i++)
        {
            await fixture.CreateTenantAsync(new() { ["registration_mode"] = "open" });
        }

        var names = new List<string>();
        string? cursor = null;
        do
        {
            using var page = await fixture.AdminAsync(HttpMethod.Get, "/admin/tenants?limit=2" + (cursor is null ? "" : "&cursor=" + cursor));
            var document = await page.JsonAsync();
            var tenants = document.GetProperty("tenants").EnumerateArray().ToList();
            Assert.InRange(tenants.Count, 1, 2);
            names.AddRange(tenants.Select(t => t.Str("name")));
            cursor = document.GetProperty("next_cursor").GetString();
        }
        while (cursor is not null);

        Assert.Equal(names.Order(StringComparer.Ordinal), names);
        Assert.Equal(names.Distinct(), names);
        Assert.Contains("default", names);
        Assert.Contains("configured", names);
        Assert.True(names.Count >= 5);
    }

    [Fact]
    public async Task Configured_tenants_are_read_but_changed_only_in_configuration()
    {
        using var read = await fixture.AdminAsync(HttpMethod.Get, "/admin/tenants/configured");
        Assert.Equal("configuration", (await read.JsonAsync()).Str("source"));

        using var put = await fixture.AdminAsync(HttpMethod.Put, "/admin/tenants/configured", new Dictionary<string, object?> { ["registration_mode"] = "open" });
        await fixture.Server.AssertErrorAsync(put, HttpStatusCode.Conflict, "invalid_request", ErrorIds.AdminTenantConfigured);
        using var delete = await fixture.AdminAsync(HttpMethod.Delete, "/admin/tenants/default");
        await fixture.Server.AssertErrorAsync(delete, HttpStatusCode.Conflict, "invalid_request", ErrorIds.AdminTenantConfigured);
        using var create = await fixture.AdminAsync(HttpMethod.Post, "/admin/tenants", new Dictionary<string, object?> { ["name"] = "configured", ["registration_mode"] = "open" });
        await fixture.Server.AssertErrorAsync(create, HttpStatusCode.Conflict, "invalid_request", ErrorIds.AdminTenantConfigured);
    }

    [Theory]
    [InlineData("""{"name":"Bad_Name","registration_mode":"open"}""", ErrorIds.AdminBodyInvalid)]
    [InlineData("""{"name":"ok","registration_mode":"sometimes"}""", ErrorIds.AdminBodyInvalid)]
    [InlineData("""{"name":"ok","registration_mode":"software_statement"}""", ErrorIds.RegistrationModeUnsupported)]
    [InlineData("""{"name":"ok","registration_mode":"open","alowed_scopes":["a"]}""", ErrorIds.AdminBodyInvalid)]
    [InlineData("""{"name":"ok","registration_mode":"open","max_clients":"many"}""", ErrorIds.AdminBodyInvalid)]
    [InlineData("""{"name":"ok","registration_mode":"open","admin_client_secret":"short"}""", ErrorIds.AdminBodyInvalid)]
    [InlineData("""{"name":"ok","registration_mode":"open","allowed_grant_types":["telepathy"]}""", ErrorIds.PolicyInvalid)]
    [InlineData("""{"name":"ok","registration_mode":"open","redirect_uri_hosts":["https://x.example"]}""", ErrorIds.PolicyInvalid)]
    [InlineData("""{"name":"ok","registration_mode":"open","on_disallowed":"ignore"}""", ErrorIds.AdminBodyInvalid)]
    [InlineData("""[1,2]""", ErrorIds.AdminBodyInvalid)]
    [InlineData("""{"name":"ok",""", ErrorIds.AdminBodyInvalid)]
    public async Task Bad_tenant_bodies_are_400_naming_the_problem(string body, string errorId)
    {
        using var response = await fixture.AdminAsync(HttpMethod.Post, "/admin/tenants", body);

        await fixture.Server.AssertErrorAsync(response, HttpStatusCode.BadRequest, "invalid_request", errorId);
    }

    [Fact]
    public async Task Unknown_tenants_are_404()
    {
        using var response = await fixture.AdminAsync(HttpMethod.Get, "/admin/tenants/nothing-here");

        await fixture.Server.AssertErrorAsync(response, HttpStatusCode.NotFound, "invalid_request", ErrorIds.AdminTenantNotFound);
    }

    [Fact]
    public async Task The_openapi_document_describes_the_admin_and_oauth_endpoints_and_docs_browse_it()
    {
        var document = await (await fixture.Http.GetAsync("/openapi/v1.json")).JsonAsync();
        var paths = document.GetProperty("paths");
        foreach (var path in new[] { "/admin/token", "/admin/tenants", "/admin/tenants/{tenant}", "/admin/tenants/{tenant}/initial-access-tokens", "/admin/tenants/{tenant}/clients", "/token", "/register" })
        {
            Assert.True(paths.TryGetProperty(path, out _), $"the OpenAPI document lacks {path}");
        }

        var body = paths.GetProperty("/admin/tenants").GetProperty("post").GetProperty("requestBody").GetProperty("content").GetProperty("application/json");
        Assert.True(body.GetProperty("schema").GetProperty("properties").TryGetProperty("registration_mode", out _));
        Assert.True(document.GetProperty("components").GetProperty("schemas").TryGetProperty("TenantResponse", out _));

        using var docs = await fixture.Http.GetAsync("/docs");
        Assert.Equal(HttpStatusCode.OK, docs.StatusCode);
        Assert.Equal("text/html", docs.Content.Headers.ContentType?.MediaType);
    }
}
