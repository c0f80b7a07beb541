using System.Net;
using System.Text.Json;
using Registry.Protocol.Errors;

namespace Registry.Gateway.Tests.Admin;

/// <summary>/admin/tenants/{t}/clients: listed newest first with stable cursors and filters, read, disabled, enabled, deleted.</summary>
[Collection(AdminCollectionDefinition.Name)]
public sealed class ClientAdminTests(AdminFixture fixture)
{
    private async Task<(string Tenant, List<JsonElement> Clients, string Token)> TenantWithClientsAsync(int count, Func<int, string>? body = null)
    {
        // The tenant admin's token registers (open registration refuses client_credentials clients).
        var created = await fixture.CreateTenantAsync(new() { ["registration_mode"] = "admin_token" });
        var tenant = created.Str("name");
        var token = await fixture.Http.AdminTokenAsync($"/tenants/{tenant}", "registerClient", created.Str("admin_client_secret"));
        var clients = new List<JsonElement>();
        for (var i = 0; i < count; i++)
        {
            using var response = await fixture.Http.SendJsonAsync(HttpMethod.Post, $"/tenants/{tenant}/register", token,
                body?.Invoke(i) ?? $$"""{"grant_types":["client_credentials"],"client_name":"app {{i}}","software_id":"{{(i % 2 == 0 ? "even" : "odd")}}"}""");
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            clients.Add(await response.JsonAsync());
        }

        return (tenant, clients, token);
    }

    private async Task<(List<string> Ids, string? Cursor)> PageAsync(string tenant, string query)
    {
        using var response = await fixture.AdminAsync(HttpMethod.Get, $"/admin/tenants/{tenant}/clients?{query}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = await response.JsonAsync();
        return ([.. document.GetProperty("clients").EnumerateArray().Select(c => c.Str("client_id"))], document.GetProperty("next_cursor").GetString());
    }

    [Fact]
    public async Task Clients_are_listed_newest_first_page_by_page_with_stable_cursors()
    {
        var (tenant, clients, token) = await TenantWithClientsAsync(5);
        var newestFirst = clients.Select(c => c.Str("client_id")).Reverse().ToList();

        var (first, cursor) = await PageAsync(tenant, "limit=2");
        Assert.Equal(newestFirst[..2], first);
        Assert.NotNull(cursor);

        // A client registered after the first page does not shift the next one.
        using (var late = await fixture.Http.SendJsonAsync(HttpMethod.Post, $"/tenants/{tenant}/register", token, """{"grant_types":["client_credentials"]}"""))
        {
            Assert.Equal(HttpStatusCode.Created, late.StatusCode);
        }

        var (second, cursor2) = await PageAsync(tenant, $"limit=2&cursor={cursor}");
        Assert.Equal(newestFirst[2..4], second);
        var (third, end) = await PageAsync(tenant, $"limit=2&cursor={cursor2}");
        Assert.Equal(newestFirst[4..], third);
        Assert.Null(end);
    }

    [Fact]
    public async Task Listing_filters_by_software_id_and_client_name_prefix()
    {
        var (tenant, clients, _) = await TenantWithClientsAsync(4);

        var (even, _) = await PageAsync(tenant, "software_id=even");
        Assert.Equal([clients[2].Str("client_id"), clients[0].Str("client_id")], even);
        var (named, _) = await PageAsync(tenant, "client_name=app%203");
        Assert.Equal([clients[3].Str("client_id")], named);
        var (none, _) = await PageAsync(tenant, "client_name=zzz");
        Assert.Empty(none);
    }

    [Fact]
    public async Task A_disabled_client_is_refused_everywhere_until_enabled()
    {
        var (tenant, clients, _) = await TenantWithClientsAsync(1);
        var client = clients[0];
        var id = client.Str("client_id");

        using var disabled = await fixture.AdminAsync(HttpMethod.Post, $"/admin/tenants/{tenant}/clients/{id}/disable");
        Assert.True((await disabled.JsonAsync()).GetProperty("disabled").GetBoolean());

        using var token = await fixture.Http.TokenAsync($"/tenants/{tenant}", "grant_type=client_credentials", OAuthClient.Basic(client));
        await fixture.Server.AssertErrorAsync(token, HttpStatusCode.Unauthorized, "invalid_client", ErrorIds.ClientAuthFailed);
        using var read = await fixture.Http.SendJsonAsync(HttpMethod.Get, client.Str("registration_client_uri"), client.Str("registration_access_token"), null);
        await fixture.Server.AssertErrorAsync(read, HttpStatusCode.Unauthorized, "invalid_token", ErrorIds.RegistrationTokenInvalid);
        var (listed, _) = await PageAsync(tenant, "");
        Assert.Equal([id], listed);

        using var enabled = await fixture.AdminAsync(HttpMethod.Post, $"/admin/tenants/{tenant}/clients/{id}/enable");
        Assert.False((await enabled.JsonAsync()).GetProperty("disabled").GetBoolean());
        Assert.NotEmpty(await fixture.Http.ClientTokenAsync($"/tenants/{tenant}", client));
    }

    [Fact]
    public async Task A_client_reads_with_its_metadata_and_times_but_never_a_secret_or_token()
    {
        var (tenant, clients, _) = await TenantWithClientsAsync(1);
        var id = clients[0].Str("client_id");
        await fixture.Http.ClientTokenAsync($"/tenants/{tenant}", clients[0]);

        using var response = await fixture.AdminAsync(HttpMethod.Get, $"/admin/tenants/{tenant}/clients/{id}");
        var document = await response.JsonAsync();
        Assert.Equal(id, document.Str("client_id"));
        Assert.Equal("app 0", document.Str("client_name"));
        Assert.Equal(JsonValueKind.Number, document.GetProperty("created_at").ValueKind);
        Assert.Equal(JsonValueKind.Number, document.GetProperty("last_used_at").ValueKind);
        var text = document.GetRawText();
        Assert.DoesNotContain(clients[0].Str("client_secret"), text, StringComparison.Ordinal);
        Assert.DoesNotContain(clients[0].Str("registration_access_token"), text, StringComparison.Ordinal);
        Assert.False(document.TryGetProperty("client_secret", out _));
        Assert.False(document.TryGetProperty("registration_access_token", out _));
    }

    [Fact]
    public async Task A_deleted_client_leaves_the_list_and_its_credentials_stop_working()
    {
        var (tenant, clients, _) = await TenantWithClientsAsync(2);
        var id = clients[0].Str("client_id");

        using var deleted = await fixture.AdminAsync(HttpMethod.Delete, $"/admin/tenants/{tenant}/clients/{id}");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        var (listed, _) = await PageAsync(tenant, "");
        Assert.Equal([clients[1].Str("client_id")], listed);
        using var token = await fixture.Http.TokenAsync($"/tenants/{tenant}", "grant_type=client_credentials", OAuthClient.Basic(clients[0]));
        Assert.Equal(HttpStatusCode.Unauthorized, token.StatusCode);
        using var again = await fixture.AdminAsync(HttpMethod.Get, $"/admin/tenants/{tenant}/clients/{id}");
        await fixture.Server.AssertErrorAsync(again, HttpStatusCode.NotFound, "invalid_request", ErrorIds.AdminClientNotFound);
    }

    [Theory]
    [InlineData("limit=0")]
    [InlineData("limit=501")]
    [InlineData("limit=abc")]
    [InlineData("cursor=not-a-cursor")]
    public async Task Bad_listing_parameters_are_400(string query)
    {
        using var response = await fixture.AdminAsync(HttpMethod.Get, $"/admin/tenants/configured/clients?{query}");

        await fixture.Server.AssertErrorAsync(response, HttpStatusCode.BadRequest, "invalid_request", ErrorIds.AdminParameterInvalid);
    }
}
