using System.Net;
using Registry.Grains.Abstractions;
using Registry.Protocol.Errors;

namespace Registry.Gateway.Tests.Admin;

/// <summary>
/// Idle clients end to end: a tenant whose policy disables clients unused for 2 s and deletes them 2 s later. The
/// sweep's pass is started through the embedded silo's grain factory (its reminder ticks at most once a minute; no
/// HTTP trigger exists), and its effect is seen where clients and operators see it: /token and the admin API.
/// </summary>
[Collection(AdminCollectionDefinition.Name)]
public sealed class IdleClientTests(AdminFixture fixture)
{
    private static readonly TimeSpan Idle = TimeSpan.FromSeconds(2.2);

    [Fact]
    public async Task An_unused_client_is_disabled_then_deleted_by_the_sweep_and_a_used_one_is_kept()
    {
        var created = await fixture.CreateTenantAsync(new()
        {
            ["registration_mode"] = "admin_token",
            ["idle_disable_after_seconds"] = 2,
            ["idle_delete_after_seconds"] = 2,
        });
        var tenant = created.Str("name");
        Assert.Equal((2, 2), (created.GetProperty("idle_disable_after_seconds").GetInt32(), created.GetProperty("idle_delete_after_seconds").GetInt32()));
        var registrar = await fixture.Http.AdminTokenAsync($"/tenants/{tenant}", "registerClient", created.Str("admin_client_secret"));
        var idle = await RegisterAsync(tenant, registrar);
        var used = await RegisterAsync(tenant, registrar);
        Assert.NotEmpty(await fixture.Http.ClientTokenAsync($"/tenants/{tenant}", idle));
        var sweep = fixture.Server.Services.GetRequiredService<IGrainFactory>().GetGrain<IIdleClientSweepGrain>(tenant);

        await Task.Delay(Idle);
        Assert.NotEmpty(await fixture.Http.ClientTokenAsync($"/tenants/{tenant}", used));
        var first = await sweep.SweepNow();

        Assert.Equal((true, 1, 0), (first.Scheduled, first.Disabled, first.Deleted));
        using (var token = await fixture.Http.TokenAsync($"/tenants/{tenant}", "grant_type=client_credentials", OAuthClient.Basic(idle)))
        {
            await fixture.Server.AssertErrorAsync(token, HttpStatusCode.Unauthorized, "invalid_client", ErrorIds.ClientAuthFailed);
        }

        using (var read = await fixture.AdminAsync(HttpMethod.Get, $"/admin/tenants/{tenant}/clients/{idle.Str("client_id")}"))
        {
            Assert.Equal(HttpStatusCode.OK, read.StatusCode);
            Assert.True((await read.JsonAsync()).GetProperty("disabled").GetBoolean());
        }

        Assert.NotEmpty(await fixture.Http.ClientTokenAsync($"/tenants/{tenant}", used));

        await Task.Delay(Idle);
        var second = await sweep.SweepNow();

        Assert.Equal(1, second.Deleted);
        using (var gone = await fixture.AdminAsync(HttpMethod.Get, $"/admin/tenants/{tenant}/clients/{idle.Str("client_id")}"))
        {
            await fixture.Server.AssertErrorAsync(gone, HttpStatusCode.NotFound, "invalid_request", ErrorIds.AdminClientNotFound);
        }

        using (var token = await fixture.Http.TokenAsync($"/tenants/{tenant}", "grant_type=client_credentials", OAuthClient.Basic(idle)))
        {
            await fixture.Server.AssertErrorAsync(token, HttpStatusCode.Unauthorized, "invalid_client", ErrorIds.ClientAuthFailed);
        }

        Assert.Contains(fixture.Server.Logs.Lines, l => l.Category == "Registry.Audit" && l.Text.Contains($"Deleted client {idle.Str("client_id")} of tenant '{tenant}'", StringComparison.Ordinal));
    }

    private async Task<System.Text.Json.JsonElement> RegisterAsync(string tenant, string token)
    {
        using var response = await fixture.Http.SendJsonAsync(HttpMethod.Post, $"/tenants/{tenant}/register", token, """{"grant_types":["client_credentials"]}""");
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.JsonAsync();
    }
}
