using System.Net;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Registry.Protocol.Errors;

namespace Registry.Gateway.Tests.Admin;

/// <summary>/admin/tenants/{t}/signing-keys: list and rotate now; tokens signed before a rotation keep working.</summary>
[Collection(AdminCollectionDefinition.Name)]
public sealed class SigningKeyAdminTests(AdminFixture fixture)
{
    [Fact]
    public async Task Rotating_a_runtime_tenants_key_signs_new_tokens_with_the_new_key_and_old_tokens_still_validate()
    {
        var tenant = await fixture.CreateTenantAsync(new() { ["registration_mode"] = "admin_token", ["admin_client_secret"] = new string('k', 40) });
        var name = tenant.Str("name");
        var before = await fixture.Http.AdminTokenAsync($"/tenants/{name}", "registerClient", new string('k', 40));
        var listed = await KeysAsync(HttpMethod.Get, name);
        var old = Assert.Single(listed.EnumerateArray());
        Assert.Equal(("current", old.Str("kid")), (old.Str("status"), new JsonWebToken(before).Kid));

        var rotated = await KeysAsync(HttpMethod.Post, name);

        Assert.Equal(["current", "previous"], rotated.EnumerateArray().Select(k => k.Str("status")));
        var (fresh, previous) = (rotated[0], rotated[1]);
        Assert.Equal(old.Str("kid"), previous.Str("kid"));
        Assert.Equal(JsonValueKind.Null, fresh.GetProperty("retires_at").ValueKind);
        Assert.True(previous.GetProperty("retires_at").GetInt64() >= DateTimeOffset.UtcNow.AddDays(1).ToUnixTimeSeconds());
        Assert.All(rotated.EnumerateArray(), k => Assert.Equal(3, k.EnumerateObject().Count(p => p.Name is "created_at" or "activates_at" or "alg")));

        // Every gateway's JWKS lists both; the new token carries the new key's id; both tokens are accepted.
        var jwks = await (await fixture.Http.GetAsync($"/tenants/{name}/jwks")).JsonAsync();
        Assert.Equal([fresh.Str("kid"), previous.Str("kid")], jwks.GetProperty("keys").EnumerateArray().Select(k => k.Str("kid")));
        Assert.DoesNotContain(jwks.GetProperty("keys").EnumerateArray(), k => k.TryGetProperty("d", out _));
        var after = await fixture.Http.AdminTokenAsync($"/tenants/{name}", "registerClient", new string('k', 40));
        Assert.Equal(fresh.Str("kid"), new JsonWebToken(after).Kid);
        Assert.Equal(HttpStatusCode.Created, (await fixture.Http.SendJsonAsync(HttpMethod.Post, $"/tenants/{name}/register", before, OAuthClient.ExampleRegistration)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await fixture.Http.SendJsonAsync(HttpMethod.Post, $"/tenants/{name}/register", after, OAuthClient.ExampleRegistration)).StatusCode);
        Assert.Equal(rotated.GetRawText(), (await KeysAsync(HttpMethod.Get, name)).GetRawText());
    }

    [Fact]
    public async Task A_configured_tenants_key_rotates_too()
    {
        var before = Assert.Single((await KeysAsync(HttpMethod.Get, "configured")).EnumerateArray()).Str("kid");

        var rotated = await KeysAsync(HttpMethod.Post, "configured");

        Assert.Equal(before, rotated[1].Str("kid"));
        var token = await fixture.Http.AdminTokenAsync("/tenants/configured", "registerClient", "configured-bootstrap-secret");
        Assert.Equal(rotated[0].Str("kid"), new JsonWebToken(token).Kid);
    }

    [Theory]
    [InlineData("GET", "/admin/tenants/no-such-tenant/signing-keys")]
    [InlineData("POST", "/admin/tenants/no-such-tenant/signing-keys/rotate")]
    [InlineData("POST", "/admin/tenants/NOT_A_NAME/signing-keys/rotate")]
    public async Task An_unknown_tenant_is_404(string method, string path)
    {
        using var response = await fixture.AdminAsync(new HttpMethod(method), path);

        await fixture.Server.AssertErrorAsync(response, HttpStatusCode.NotFound, "invalid_request", ErrorIds.AdminTenantNotFound);
    }

    [Fact]
    public async Task Without_an_operator_token_the_keys_are_neither_listed_nor_rotated()
    {
        using var response = await fixture.Http.PostAsync("/admin/tenants/configured/signing-keys/rotate", null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private async Task<JsonElement> KeysAsync(HttpMethod method, string tenant)
    {
        using var response = await fixture.AdminAsync(method, method == HttpMethod.Get ? $"/admin/tenants/{tenant}/signing-keys" : $"/admin/tenants/{tenant}/signing-keys/rotate");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.JsonAsync()).GetProperty("keys");
    }
}
