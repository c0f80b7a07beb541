using System.Net;
using System.Text;
using System.Text.Json;
using Registry.Protocol.Errors;

namespace Registry.Gateway.Tests.Authorization;

/// <summary>Users' tokens at /introspect (RFC 7662) and /revoke (RFC 7009): refresh tokens through their family, user access tokens with their claims.</summary>
[Collection(AuthorizationCollectionDefinition.Name)]
public sealed class RefreshTokenRevocationTests(AuthorizationFixture fixture)
{
    [Fact]
    public async Task A_users_access_token_introspects_with_its_user_provider_and_audience()
    {
        var client = await fixture.RegisterAsync();
        var tokens = await fixture.TokensAsync(client);

        var body = await IntrospectAsync(client, tokens.Str("access_token"));

        Assert.True(body.GetProperty("active").GetBoolean());
        Assert.Equal((client.Str("client_id"), fixture.Upstream.Issuer, fixture.IssuerOf()), (body.Str("client_id"), body.Str("idp"), body.Str("aud")));
        Assert.True(body.GetProperty("auth_time").GetInt64() > 0);
        Assert.False(string.IsNullOrEmpty(body.Str("sub")));
    }

    [Fact]
    public async Task A_refresh_token_is_active_only_to_its_client_and_revoking_it_ends_its_family()
    {
        var (client, other) = (await fixture.RegisterAsync(), await fixture.RegisterAsync());
        var refresh = (await fixture.TokensAsync(client)).Str("refresh_token");

        var own = await IntrospectAsync(client, refresh);
        Assert.True(own.GetProperty("active").GetBoolean());
        Assert.Equal((client.Str("client_id"), AuthorizationFixture.Scope), (own.Str("client_id"), own.Str("scope")));
        Assert.Equal("""{"active":false}""", (await IntrospectAsync(other, refresh)).GetRawText());

        // Another client's revocation changes nothing (and is answered 200: it learns nothing).
        using var foreign = await PostAsync(other, "/revoke", refresh, "refresh_token");
        Assert.Equal(HttpStatusCode.OK, foreign.StatusCode);
        Assert.True((await IntrospectAsync(client, refresh)).GetProperty("active").GetBoolean());

        using var revoked = await PostAsync(client, "/revoke", refresh, "refresh_token");
        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        Assert.False((await IntrospectAsync(client, refresh)).GetProperty("active").GetBoolean());
        using var refreshed = await fixture.RefreshAsync(client, refresh);
        await fixture.Server.AssertErrorAsync(refreshed, HttpStatusCode.BadRequest, "invalid_grant", ErrorIds.TokenRefreshInvalid);
    }

    [Fact]
    public async Task A_public_client_revokes_its_refresh_token_with_its_client_id()
    {
        var client = await fixture.RegisterAsync(authMethod: "none");
        var refresh = (await fixture.TokensAsync(client)).Str("refresh_token");

        using var revoked = await fixture.Http.PostAsync("/revoke", new StringContent(
            $"token={Uri.EscapeDataString(refresh)}&client_id={client.Str("client_id")}", Encoding.UTF8, "application/x-www-form-urlencoded"));

        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        using var refreshed = await fixture.RefreshAsync(client, refresh);
        await fixture.Server.AssertErrorAsync(refreshed, HttpStatusCode.BadRequest, "invalid_grant", ErrorIds.TokenRefreshInvalid);
    }

    private async Task<JsonElement> IntrospectAsync(JsonElement caller, string token)
    {
        using var response = await PostAsync(caller, "/introspect", token);
        var body = await response.JsonAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body.ToString());
        return body;
    }

    private Task<HttpResponseMessage> PostAsync(JsonElement caller, string path, string token, string? hint = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new StringContent("token=" + Uri.EscapeDataString(token) + (hint is null ? "" : "&token_type_hint=" + hint), Encoding.UTF8, "application/x-www-form-urlencoded"),
        };
        request.Headers.Authorization = OAuthClient.Basic(caller);
        return fixture.Http.SendAsync(request);
    }
}
