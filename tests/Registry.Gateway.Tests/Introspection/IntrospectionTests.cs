using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Registry.Grains.Abstractions;
using Registry.Protocol.Errors;

namespace Registry.Gateway.Tests.Introspection;

/// <summary>POST /introspect (RFC 7662) and POST /revoke (RFC 7009) for access tokens: every answer and refusal.</summary>
[Collection(IntrospectionCollectionDefinition.Name)]
public sealed class IntrospectionTests(IntrospectionFixture fixture)
{
    [Theory]
    [InlineData("")]
    [InlineData(IntrospectionFixture.Acme)]
    public async Task An_active_token_is_answered_with_its_claims_to_another_client_of_the_tenant(string prefix)
    {
        var (owner, resourceServer) = (await fixture.RegisterAsync(prefix), await fixture.RegisterAsync(prefix));
        var token = await fixture.Http.ClientTokenAsync(prefix, owner, "openid");

        var body = await fixture.IntrospectAsync(token, OAuthClient.Basic(resourceServer), prefix);

        var id = owner.Str("client_id");
        Assert.True(body.GetProperty("active").GetBoolean());
        Assert.Equal(("openid", id, id, "Bearer", fixture.Server.Issuer + prefix), (body.Str("scope"), body.Str("client_id"), body.Str("sub"), body.Str("token_type"), body.Str("iss")));
        var (iat, nbf, exp) = (body.GetProperty("iat").GetInt64(), body.GetProperty("nbf").GetInt64(), body.GetProperty("exp").GetInt64());
        Assert.Equal((iat, iat + 1800), (nbf, exp));
        Assert.Equal(22, body.Str("jti").Length);
    }

    [Fact]
    public async Task The_admin_clients_token_is_active_and_the_admin_client_may_introspect()
    {
        var token = await fixture.Http.AdminTokenAsync();

        var body = await fixture.IntrospectAsync(token, OAuthClient.Basic("registerClient", "password"));

        Assert.True(body.GetProperty("active").GetBoolean());
        Assert.Equal(("registerClient", "register"), (body.Str("client_id"), body.Str("scope")));
    }

    [Fact]
    public async Task Another_tenants_token_and_garbage_are_inactive_with_nothing_else_said()
    {
        var caller = OAuthClient.Basic(await fixture.RegisterAsync());
        var acmeToken = await fixture.Http.ClientTokenAsync(IntrospectionFixture.Acme, await fixture.RegisterAsync(IntrospectionFixture.Acme));

        foreach (var token in (List<string>)[acmeToken, "not-a-token", acmeToken[..^4] + "AAAA", "a.b.c", new string('x', 5000)])
        {
            var body = await fixture.IntrospectAsync(token, caller);
            Assert.Equal("""{"active":false}""", body.GetRawText());
        }
    }

    [Fact]
    public async Task An_expired_token_is_inactive()
    {
        var (owner, caller) = (await fixture.RegisterAsync(IntrospectionFixture.Brief), await fixture.RegisterAsync(IntrospectionFixture.Brief));
        var token = await fixture.Http.ClientTokenAsync(IntrospectionFixture.Brief, owner);

        await Task.Delay(TimeSpan.FromSeconds(1.2));

        Assert.False((await fixture.IntrospectAsync(token, OAuthClient.Basic(caller), IntrospectionFixture.Brief)).GetProperty("active").GetBoolean());
    }

    [Fact]
    public async Task A_revoked_token_is_inactive_and_revoking_it_again_is_fine()
    {
        var (owner, caller) = (await fixture.RegisterAsync(), await fixture.RegisterAsync());
        var token = await fixture.Http.ClientTokenAsync("", owner);
        var other = await fixture.Http.ClientTokenAsync("", owner);

        using var revoked = await fixture.RevokeAsync(token, OAuthClient.Basic(owner), hint: "access_token");
        using var again = await fixture.RevokeAsync(token, OAuthClient.Basic(owner), hint: "something_else");

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (revoked.StatusCode, again.StatusCode));
        Assert.False((await fixture.IntrospectAsync(token, OAuthClient.Basic(caller))).GetProperty("active").GetBoolean());
        Assert.True((await fixture.IntrospectAsync(other, OAuthClient.Basic(caller))).GetProperty("active").GetBoolean());
        Assert.Contains(fixture.Server.Logs.Lines, l => l.Category == "Registry.Audit" && l.Text.Contains("audit revoke", StringComparison.Ordinal)
            && l.Text.Contains(owner.Str("client_id"), StringComparison.Ordinal) && l.Text.Contains("outcome=success", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Another_clients_token_is_not_revoked_but_refused_as_unauthorized_client()
    {
        var (owner, thief) = (await fixture.RegisterAsync(), await fixture.RegisterAsync());
        var token = await fixture.Http.ClientTokenAsync("", owner);

        using var response = await fixture.RevokeAsync(token, OAuthClient.Basic(thief));

        await fixture.Server.AssertErrorAsync(response, HttpStatusCode.BadRequest, "unauthorized_client", ErrorIds.RevocationNotOwner);
        Assert.True((await fixture.IntrospectAsync(token, OAuthClient.Basic(thief))).GetProperty("active").GetBoolean());
    }

    [Theory]
    [InlineData("not-a-token")]
    [InlineData("eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.")]
    public async Task An_unknown_or_invalid_token_is_revoked_without_complaint(string token)
    {
        using var response = await fixture.RevokeAsync(token, OAuthClient.Basic(await fixture.RegisterAsync()));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Deleting_the_client_makes_its_tokens_inactive_at_once()
    {
        var (owner, caller) = (await fixture.RegisterAsync(), await fixture.RegisterAsync());
        var token = await fixture.Http.ClientTokenAsync("", owner);
        Assert.True((await fixture.IntrospectAsync(token, OAuthClient.Basic(caller))).GetProperty("active").GetBoolean());

        using var deleted = await fixture.Http.SendJsonAsync(HttpMethod.Delete, owner.Str("registration_client_uri"), owner.Str("registration_access_token"), null);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);

        Assert.False((await fixture.IntrospectAsync(token, OAuthClient.Basic(caller))).GetProperty("active").GetBoolean());
    }

    [Fact]
    public async Task Disabling_the_client_makes_its_tokens_inactive_until_it_is_enabled()
    {
        var (owner, caller) = (await fixture.RegisterAsync(), await fixture.RegisterAsync());
        var token = await fixture.Http.ClientTokenAsync("", owner);
        var client = fixture.Server.Services.GetRequiredService<IGrainFactory>().GetGrain<IClientGrain>(ClientKey.Of("default", owner.Str("client_id")));

        Assert.Equal(ClientAdminStatus.Ok, await client.SetDisabled(true));
        Assert.False((await fixture.IntrospectAsync(token, OAuthClient.Basic(caller))).GetProperty("active").GetBoolean());

        await client.SetDisabled(false);
        Assert.True((await fixture.IntrospectAsync(token, OAuthClient.Basic(caller))).GetProperty("active").GetBoolean());
    }

    [Fact]
    public async Task A_public_client_may_not_introspect_but_may_revoke_its_own_token()
    {
        var publicClient = await fixture.RegisterAsync(IntrospectionFixture.Public,
            """{"grant_types": ["authorization_code"], "response_types": ["code"], "token_endpoint_auth_method": "none", "redirect_uris": ["https://app.example/cb"]}""");
        var id = publicClient.Str("client_id");
        var token = await fixture.Http.AdminTokenAsync(IntrospectionFixture.Public, secret: IntrospectionFixture.Secret);

        using var introspect = await fixture.PostAsync(IntrospectionFixture.Public + "/introspect", $"token={token}&client_id={id}");
        await fixture.Server.AssertErrorAsync(introspect, HttpStatusCode.Unauthorized, "invalid_client", ErrorIds.IntrospectionPublicClient);

        // Not its token: refused, as any other client would be.
        using var revoke = await fixture.PostAsync(IntrospectionFixture.Public + "/revoke", $"token={token}&client_id={id}");
        await fixture.Server.AssertErrorAsync(revoke, HttpStatusCode.BadRequest, "unauthorized_client", ErrorIds.RevocationNotOwner);
        using var unknown = await fixture.PostAsync(IntrospectionFixture.Public + "/revoke", $"token=whatever&client_id={id}");
        Assert.Equal(HttpStatusCode.OK, unknown.StatusCode);
    }

    [Fact]
    public async Task A_public_client_id_is_refused_where_the_tenant_does_not_accept_public_clients()
    {
        var client = await fixture.RegisterAsync();

        using var response = await fixture.PostAsync("/revoke", $"token=x&client_id={client.Str("client_id")}");

        await fixture.Server.AssertErrorAsync(response, HttpStatusCode.Unauthorized, "invalid_client", ErrorIds.ClientAuthPublicNotAllowed);
    }

    [Theory]
    [InlineData("/introspect")]
    [InlineData("/revoke")]
    public async Task Failed_client_authentication_is_401_invalid_client_with_a_basic_challenge(string path)
    {
        var client = await fixture.RegisterAsync();

        using var wrong = await fixture.PostAsync(path, "token=x", OAuthClient.Basic(client.Str("client_id"), "wrong"));
        await fixture.Server.AssertErrorAsync(wrong, HttpStatusCode.Unauthorized, "invalid_client", ErrorIds.ClientAuthFailed);
        Assert.Equal("Basic", wrong.Challenge().Scheme);
        using var none = await fixture.PostAsync(path, "token=x");
        await fixture.Server.AssertErrorAsync(none, HttpStatusCode.Unauthorized, "invalid_client", ErrorIds.ClientAuthMissing);
    }

    [Theory]
    [InlineData("/introspect", "", ErrorIds.TokenHandlingTokenMissing)]
    [InlineData("/revoke", "token=", ErrorIds.TokenHandlingTokenMissing)]
    [InlineData("/introspect", "token=a&token=b", ErrorIds.TokenParameterRepeated)]
    public async Task A_request_without_one_token_is_invalid_request(string path, string form, string errorId)
    {
        using var response = await fixture.PostAsync(path, form, OAuthClient.Basic(await fixture.RegisterAsync()));

        await fixture.Server.AssertErrorAsync(response, HttpStatusCode.BadRequest, "invalid_request", errorId);
    }

    [Fact]
    public async Task A_json_body_is_invalid_request()
    {
        using var response = await fixture.Http.SendJsonAsync(HttpMethod.Post, "/introspect", null, """{"token":"x"}""");

        await fixture.Server.AssertErrorAsync(response, HttpStatusCode.BadRequest, "invalid_request", ErrorIds.RequestMediaType);
    }
}
