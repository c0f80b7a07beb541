using System.Net;
using Microsoft.IdentityModel.JsonWebTokens;
using Registry.Protocol.Errors;

namespace Registry.Gateway.Tests.Authorization;

/// <summary>POST /token grant_type=refresh_token (RFC 6749 §6): rotation on every use, replay revoking the family (OAuth 2.0 Security BCP §4.14).</summary>
[Collection(AuthorizationCollectionDefinition.Name)]
public sealed class RefreshTokenTests(AuthorizationFixture fixture)
{
    [Theory]
    [InlineData("client_secret_basic")]
    [InlineData("none")]
    public async Task Each_refresh_rotates_the_refresh_token_and_keeps_the_user_and_scope(string authMethod)
    {
        var client = await fixture.RegisterAsync(authMethod: authMethod);
        var first = await fixture.TokensAsync(client);

        var second = await RefreshedAsync(client, first.Str("refresh_token"));
        var third = await RefreshedAsync(client, second.Str("refresh_token"));

        Assert.Equal(3, new HashSet<string> { first.Str("refresh_token"), second.Str("refresh_token"), third.Str("refresh_token") }.Count);
        var access = new JsonWebToken(third.Str("access_token"));
        Assert.Equal(("alice", AuthorizationFixture.Scope, fixture.Upstream.Issuer), (access.Subject, access.GetPayloadValue<string>("scope"), access.GetPayloadValue<string>("idp")));
        Assert.NotEqual(new JsonWebToken(first.Str("access_token")).Id, access.Id);
        Assert.Equal(new JsonWebToken(first.Str("access_token")).GetPayloadValue<long>("auth_time"), access.GetPayloadValue<long>("auth_time"));
    }

    [Fact]
    public async Task A_replayed_refresh_token_is_invalid_grant_and_revokes_the_whole_family()
    {
        var client = await fixture.RegisterAsync();
        var first = await fixture.TokensAsync(client);
        var second = await RefreshedAsync(client, first.Str("refresh_token"));
        var third = await RefreshedAsync(client, second.Str("refresh_token"));

        await fixture.Server.AssertErrorAsync(await fixture.RefreshAsync(client, first.Str("refresh_token")), HttpStatusCode.BadRequest, "invalid_grant", ErrorIds.TokenRefreshReplayed);

        await fixture.Server.AssertErrorAsync(await fixture.RefreshAsync(client, third.Str("refresh_token")), HttpStatusCode.BadRequest, "invalid_grant", ErrorIds.TokenRefreshInvalid);
    }

    [Fact]
    public async Task A_replay_revokes_only_its_own_family()
    {
        var client = await fixture.RegisterAsync();
        var family = await fixture.TokensAsync(client);
        var other = await fixture.TokensAsync(client);
        await RefreshedAsync(client, family.Str("refresh_token"));

        await fixture.Server.AssertErrorAsync(await fixture.RefreshAsync(client, family.Str("refresh_token")), HttpStatusCode.BadRequest, "invalid_grant", ErrorIds.TokenRefreshReplayed);

        await RefreshedAsync(client, other.Str("refresh_token"));
    }

    [Fact]
    public async Task A_refresh_may_narrow_the_scope_but_never_widen_it()
    {
        var client = await fixture.RegisterAsync();
        var request = AuthorizationFixture.RequestFor(client) with { Scope = "notes.read" };
        var tokens = await fixture.TokensAsync(client, request: request);

        await fixture.Server.AssertErrorAsync(await fixture.RefreshAsync(client, tokens.Str("refresh_token"), "notes.read notes.write"), HttpStatusCode.BadRequest, "invalid_scope", ErrorIds.TokenScopeNotGranted);
        await RefreshedAsync(client, tokens.Str("refresh_token"));

        var wide = await fixture.TokensAsync(client);
        var narrowed = await RefreshedAsync(client, wide.Str("refresh_token"), "notes.read");
        Assert.Equal("notes.read", narrowed.Str("scope"));
        Assert.Equal("notes.read", new JsonWebToken(narrowed.Str("access_token")).GetPayloadValue<string>("scope"));
    }

    [Fact]
    public async Task A_refresh_token_is_worthless_to_another_client()
    {
        var client = await fixture.RegisterAsync();
        var tokens = await fixture.TokensAsync(client);
        var thief = await fixture.RegisterAsync();

        await fixture.Server.AssertErrorAsync(await fixture.RefreshAsync(thief, tokens.Str("refresh_token")), HttpStatusCode.BadRequest, "invalid_grant", ErrorIds.TokenRefreshInvalid);
    }

    [Fact]
    public async Task A_refresh_keeps_the_granted_resource_and_may_narrow_to_one_of_them()
    {
        var client = await fixture.RegisterAsync();
        var request = AuthorizationFixture.RequestFor(client) with { Resources = [AuthorizationFixture.Api, AuthorizationFixture.OtherApi] };
        var tokens = await fixture.TokensAsync(client, request: request);

        using var narrowed = await fixture.TokenAsync(client, $"grant_type=refresh_token&refresh_token={Uri.EscapeDataString(tokens.Str("refresh_token"))}&resource={Uri.EscapeDataString(AuthorizationFixture.Api)}");
        var body = await narrowed.JsonAsync();
        Assert.True(narrowed.StatusCode == HttpStatusCode.OK, body.ToString());
        Assert.Equal([AuthorizationFixture.Api], new JsonWebToken(body.Str("access_token")).Audiences);

        using var refused = await fixture.TokenAsync(client, $"grant_type=refresh_token&refresh_token={Uri.EscapeDataString(body.Str("refresh_token"))}&resource=https%3A%2F%2Fevil.example%2F");
        await fixture.Server.AssertErrorAsync(refused, HttpStatusCode.BadRequest, "invalid_target", ErrorIds.ResourceNotAllowed);
    }

    [Fact]
    public async Task A_made_up_or_missing_refresh_token_is_refused()
    {
        var client = await fixture.RegisterAsync();

        await fixture.Server.AssertErrorAsync(await fixture.RefreshAsync(client, "made-up"), HttpStatusCode.BadRequest, "invalid_grant", ErrorIds.TokenRefreshInvalid);
        await fixture.Server.AssertErrorAsync(await fixture.TokenAsync(client, "grant_type=refresh_token"), HttpStatusCode.BadRequest, "invalid_request", ErrorIds.TokenRefreshTokenMissing);
    }

    [Fact]
    public async Task A_deleted_clients_refresh_token_is_refused()
    {
        var client = await fixture.RegisterAsync();
        var tokens = await fixture.TokensAsync(client);
        using var deleted = await fixture.Http.SendJsonAsync(HttpMethod.Delete, client.Str("registration_client_uri"), client.Str("registration_access_token"), null);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);

        await fixture.Server.AssertErrorAsync(await fixture.RefreshAsync(client, tokens.Str("refresh_token")), HttpStatusCode.Unauthorized, "invalid_client", ErrorIds.ClientAuthFailed);
    }

    private async Task<System.Text.Json.JsonElement> RefreshedAsync(System.Text.Json.JsonElement client, string refreshToken, string? scope = null)
    {
        using var response = await fixture.RefreshAsync(client, refreshToken, scope);
        var body = await response.JsonAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body.ToString());
        return body;
    }
}
