using System.Net;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Registry.Gateway.Tests.Authorization;

/// <summary>The authorization code flow end to end (RFC 6749 §4.1 with PKCE), federated to the upstream provider, and the user tokens it gives (RFC 9068).</summary>
[Collection(AuthorizationCollectionDefinition.Name)]
public sealed class AuthorizationCodeFlowTests(AuthorizationFixture fixture)
{
    [Theory]
    [InlineData("client_secret_basic")]
    [InlineData("client_secret_post")]
    [InlineData("none")]
    public async Task A_client_gets_a_code_and_redeems_it_for_an_access_and_a_refresh_token(string authMethod)
    {
        var client = await fixture.RegisterAsync(authMethod: authMethod);
        Assert.Equal(authMethod == "none", !client.TryGetProperty("client_secret", out _));
        var request = AuthorizationFixture.RequestFor(client);
        using var browser = fixture.Browser();

        var redirect = await browser.AuthorizeAsync(request);

        Assert.Equal((request.State, fixture.IssuerOf()), (redirect.State, redirect.Iss));
        Assert.Null(redirect.Error);
        var tokens = await fixture.RedeemAsync(client, request, redirect.Code!);
        Assert.Equal("Bearer", tokens.Str("token_type"));
        Assert.Equal(AuthorizationFixture.Scope, tokens.Str("scope"));
        Assert.True(tokens.GetProperty("expires_in").GetInt32() > 0);
        Assert.False(string.IsNullOrEmpty(tokens.Str("refresh_token")));
        Assert.Equal("alice", new JsonWebToken(tokens.Str("access_token")).Subject);
    }

    [Fact]
    public async Task The_access_token_is_an_rfc9068_token_for_the_resource_naming_the_upstream_user_and_signed_with_the_tenant_key()
    {
        var client = await fixture.RegisterAsync();
        var request = AuthorizationFixture.RequestFor(client) with { Resources = [AuthorizationFixture.Api] };
        var before = DateTimeOffset.UtcNow.AddSeconds(-5).ToUnixTimeSeconds();

        var tokens = await fixture.TokensAsync(client, request: request);

        var result = await ValidateAsync(tokens.Str("access_token"), "");
        Assert.True(result.IsValid, result.Exception?.Message);
        var jwt = (JsonWebToken)result.SecurityToken;
        Assert.Equal("at+jwt", jwt.Typ);
        Assert.Equal([AuthorizationFixture.Api], jwt.Audiences);
        Assert.Equal("alice", jwt.Subject);
        Assert.Equal(fixture.Upstream.Issuer, jwt.GetPayloadValue<string>("idp"));
        Assert.Equal(client.Str("client_id"), jwt.GetPayloadValue<string>("client_id"));
        Assert.Equal(AuthorizationFixture.Scope, jwt.GetPayloadValue<string>("scope"));
        Assert.InRange(jwt.GetPayloadValue<long>("auth_time"), before, DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 1);
        Assert.InRange(jwt.GetPayloadValue<long>("iat"), before, DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 1);
        Assert.Equal(tokens.GetProperty("expires_in").GetInt32(), jwt.GetPayloadValue<long>("exp") - jwt.GetPayloadValue<long>("iat"));
        Assert.False(string.IsNullOrEmpty(jwt.Id));
    }

    [Fact]
    public async Task Without_a_resource_the_audience_is_the_tenants_issuer_and_tenants_sign_with_their_own_keys()
    {
        var client = await fixture.RegisterAsync(AuthorizationFixture.Strict);

        var tokens = await fixture.TokensAsync(client, AuthorizationFixture.Strict);

        var result = await ValidateAsync(tokens.Str("access_token"), AuthorizationFixture.Strict);
        Assert.True(result.IsValid, result.Exception?.Message);
        Assert.Equal([fixture.IssuerOf(AuthorizationFixture.Strict)], ((JsonWebToken)result.SecurityToken).Audiences);
        Assert.False((await ValidateAsync(tokens.Str("access_token"), "")).IsValid);
    }

    [Fact]
    public async Task Each_user_gets_tokens_for_themselves_and_two_tokens_never_share_a_jti()
    {
        var client = await fixture.RegisterAsync();
        var alice = await fixture.TokensAsync(client);
        JsonElement bob;
        using (fixture.Upstream.SignIn("bob"))
        {
            bob = await fixture.TokensAsync(client);
        }

        var (a, b) = (new JsonWebToken(alice.Str("access_token")), new JsonWebToken(bob.Str("access_token")));
        Assert.Equal(("alice", "bob"), (a.Subject, b.Subject));
        Assert.NotEqual(a.Id, b.Id);
    }

    [Fact]
    public async Task A_resource_granted_at_authorize_may_be_narrowed_to_at_the_token_endpoint()
    {
        var client = await fixture.RegisterAsync();
        var request = AuthorizationFixture.RequestFor(client) with { Resources = [AuthorizationFixture.Api, AuthorizationFixture.OtherApi] };
        var code = await fixture.CodeAsync(request);

        var tokens = await fixture.RedeemAsync(client, request, code, resource: AuthorizationFixture.OtherApi);

        Assert.Equal([AuthorizationFixture.OtherApi], new JsonWebToken(tokens.Str("access_token")).Audiences);
    }

    [Fact]
    public async Task Registry_signs_in_at_the_upstream_with_pkce_s256_a_nonce_and_its_own_callback()
    {
        var client = await fixture.RegisterAsync();
        var request = AuthorizationFixture.RequestFor(client);
        using var browser = fixture.Browser();

        var toUpstream = await browser.StartAsync(request);

        Assert.Equal(HttpStatusCode.Found, toUpstream.StatusCode);
        var location = AuthorizationFlow.LocationOf(toUpstream);
        Assert.StartsWith(fixture.Upstream.Issuer + "/authorize?", location.ToString(), StringComparison.Ordinal);
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(location.Query);
        Assert.Equal(("code", "S256", fixture.Upstream.ClientId, fixture.CallbackOf()),
            (query["response_type"].ToString(), query["code_challenge_method"].ToString(), query["client_id"].ToString(), query["redirect_uri"].ToString()));
        Assert.Contains("openid", query["scope"].ToString().Split(' '));
        Assert.False(string.IsNullOrEmpty(query["nonce"]));
        Assert.False(string.IsNullOrEmpty(query["state"]));
        Assert.NotEqual(request.State, query["state"].ToString());
        Assert.NotEqual(request.EffectiveCodeChallenge, query["code_challenge"].ToString());
        Assert.Contains(browser.Cookies.GetCookies(new Uri(fixture.IssuerOf())), c => c.Name.StartsWith("registry_signin", StringComparison.Ordinal) && c.HttpOnly);
    }

    [Fact]
    public async Task A_session_at_one_tenant_is_no_session_at_another()
    {
        var client = await fixture.RegisterAsync();
        var strictClient = await fixture.RegisterAsync(AuthorizationFixture.Strict);
        using var browser = fixture.Browser();
        await browser.AuthorizeAsync(AuthorizationFixture.RequestFor(client));
        using var atStrict = new AuthorizationFlow(fixture.IssuerOf(AuthorizationFixture.Strict));
        foreach (var cookie in browser.Cookies.GetAllCookies().Cast<Cookie>())
        {
            atStrict.Cookies.Add(cookie);
        }

        var response = await atStrict.StartAsync(AuthorizationFixture.RequestFor(strictClient));

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.StartsWith(fixture.Upstream.Issuer + "/authorize?", AuthorizationFlow.LocationOf(response).ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Discovery_announces_the_authorization_endpoint_pkce_and_public_clients_where_allowed()
    {
        var metadata = await (await fixture.Http.GetAsync("/.well-known/oauth-authorization-server")).JsonAsync();
        var strict = await (await fixture.Http.GetAsync("/.well-known/oauth-authorization-server" + AuthorizationFixture.Strict)).JsonAsync();

        Assert.Equal(fixture.IssuerOf() + "/authorize", metadata.Str("authorization_endpoint"));
        Assert.Equal(["code"], Strings(metadata, "response_types_supported"));
        Assert.Equal(["S256"], Strings(metadata, "code_challenge_methods_supported"));
        Assert.Superset(new HashSet<string> { "authorization_code", "refresh_token", "client_credentials" }, Strings(metadata, "grant_types_supported").ToHashSet());
        Assert.Contains("none", Strings(metadata, "token_endpoint_auth_methods_supported"));
        Assert.True(metadata.GetProperty("authorization_response_iss_parameter_supported").GetBoolean());
        Assert.Equal(fixture.IssuerOf(AuthorizationFixture.Strict) + "/authorize", strict.Str("authorization_endpoint"));
        Assert.DoesNotContain("none", Strings(strict, "token_endpoint_auth_methods_supported"));
    }

    private static List<string> Strings(JsonElement metadata, string name) => [.. metadata.GetProperty(name).EnumerateArray().Select(e => e.GetString()!)];

    private async Task<TokenValidationResult> ValidateAsync(string token, string prefix) =>
        await new JsonWebTokenHandler().ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = fixture.IssuerOf(prefix),
            IssuerSigningKeys = new JsonWebKeySet(await fixture.Http.GetStringAsync(prefix + "/jwks")).GetSigningKeys(),
            ValidAlgorithms = ["RS256"],
            ValidTypes = ["at+jwt"],
            ValidateAudience = false,
        });
}
