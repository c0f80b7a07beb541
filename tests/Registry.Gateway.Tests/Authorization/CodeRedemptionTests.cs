using System.Net;
using Registry.Protocol.Errors;

namespace Registry.Gateway.Tests.Authorization;

/// <summary>POST /token grant_type=authorization_code refusals (RFC 6749 §4.1.3, §5.2; RFC 7636 §4.6; RFC 8707 §2.2) and single use.</summary>
[Collection(AuthorizationCollectionDefinition.Name)]
public sealed class CodeRedemptionTests(AuthorizationFixture fixture)
{
    [Fact]
    public async Task A_wrong_code_verifier_is_invalid_grant()
    {
        var (client, request, code) = await CodeAsync();

        var response = await fixture.TokenAsync(client, (request with { CodeVerifier = new string('x', 43) }).TokenForm(code));

        await fixture.Server.AssertErrorAsync(response, HttpStatusCode.BadRequest, "invalid_grant", ErrorIds.TokenCodeInvalid);
    }

    [Fact]
    public async Task A_missing_code_verifier_is_invalid_request()
    {
        var (client, request, code) = await CodeAsync();

        var response = await fixture.TokenAsync(client, $"grant_type=authorization_code&code={Uri.EscapeDataString(code)}&redirect_uri={Uri.EscapeDataString(request.RedirectUri)}");

        await fixture.Server.AssertErrorAsync(response, HttpStatusCode.BadRequest, "invalid_request", ErrorIds.TokenCodeVerifierMissing);
    }

    [Fact]
    public async Task The_challenge_itself_is_not_a_verifier()
    {
        var (client, request, code) = await CodeAsync();

        var response = await fixture.TokenAsync(client, (request with { CodeVerifier = request.EffectiveCodeChallenge }).TokenForm(code));

        await fixture.Server.AssertErrorAsync(response, HttpStatusCode.BadRequest, "invalid_grant", ErrorIds.TokenCodeInvalid);
    }

    [Fact]
    public async Task A_wrong_or_missing_redirect_uri_is_invalid_grant()
    {
        var (client, request, code) = await CodeAsync(secondRedirectUri: "https://app.example/other");

        await fixture.Server.AssertErrorAsync(await fixture.TokenAsync(client, (request with { TokenRedirectUri = "https://app.example/other" }).TokenForm(code)),
            HttpStatusCode.BadRequest, "invalid_grant", ErrorIds.TokenCodeInvalid);
        var (client2, request2, code2) = await CodeAsync();
        var withoutRedirect = $"grant_type=authorization_code&code={Uri.EscapeDataString(code2)}&code_verifier={request2.CodeVerifier}";
        var response = await fixture.TokenAsync(client2, withoutRedirect);
        await fixture.Server.AssertErrorAsync(response, HttpStatusCode.BadRequest, "invalid_request", ErrorIds.TokenRedirectUriMissing);
    }

    [Fact]
    public async Task A_code_is_worthless_to_another_client_even_with_the_verifier()
    {
        var (_, request, code) = await CodeAsync();
        var thief = await fixture.RegisterAsync();

        var response = await fixture.TokenAsync(thief, request.TokenForm(code));

        await fixture.Server.AssertErrorAsync(response, HttpStatusCode.BadRequest, "invalid_grant", ErrorIds.TokenCodeInvalid);
    }

    [Fact]
    public async Task A_public_clients_code_redeemed_with_another_public_client_id_is_invalid_grant()
    {
        var (_, request, code) = await CodeAsync("none");
        var other = await fixture.RegisterAsync(authMethod: "none");

        await fixture.Server.AssertErrorAsync(await fixture.TokenAsync(other, request.TokenForm(code)), HttpStatusCode.BadRequest, "invalid_grant", ErrorIds.TokenCodeInvalid);
    }

    [Fact]
    public async Task A_confidential_client_must_authenticate_to_redeem_its_code()
    {
        var (client, request, code) = await CodeAsync();

        var response = await fixture.Http.TokenAsync("", request.TokenForm(code) + "&client_id=" + client.Str("client_id"));

        await fixture.Server.AssertErrorAsync(response, HttpStatusCode.Unauthorized, "invalid_client", ErrorIds.ClientAuthFailed);
    }

    [Fact]
    public async Task A_public_client_presenting_a_secret_or_basic_credentials_is_refused()
    {
        var (client, request, code) = await CodeAsync("none");

        var response = await fixture.Http.TokenAsync("", request.TokenForm(code), OAuthClient.Basic(client.Str("client_id"), "made-up"));

        await fixture.Server.AssertErrorAsync(response, HttpStatusCode.Unauthorized, "invalid_client", ErrorIds.ClientAuthFailed);
    }

    [Fact]
    public async Task An_unknown_code_is_invalid_grant()
    {
        var client = await fixture.RegisterAsync();

        var response = await fixture.TokenAsync(client, AuthorizationFixture.RequestFor(client).TokenForm("not-a-code"));

        await fixture.Server.AssertErrorAsync(response, HttpStatusCode.BadRequest, "invalid_grant", ErrorIds.TokenCodeInvalid);
    }

    [Fact]
    public async Task A_reused_code_is_invalid_grant_and_revokes_what_the_first_redemption_issued()
    {
        var (client, request, code) = await CodeAsync();
        var first = await fixture.RedeemAsync(client, request, code);

        var second = await fixture.TokenAsync(client, request.TokenForm(code));

        await fixture.Server.AssertErrorAsync(second, HttpStatusCode.BadRequest, "invalid_grant", ErrorIds.TokenCodeReused);
        await fixture.Server.AssertErrorAsync(await fixture.RefreshAsync(client, first.Str("refresh_token")), HttpStatusCode.BadRequest, "invalid_grant", ErrorIds.TokenRefreshInvalid);
    }

    /// <summary>
    /// The rule: of concurrent redemptions exactly one wins (its client gets its tokens), and because the code was
    /// presented again, what the winner was issued is revoked (RFC 6749 §4.1.2): its refresh token (access tokens are
    /// self-contained until they expire). Ten rounds, since a race may go either way.
    /// </summary>
    [Fact]
    public async Task Of_eight_concurrent_redemptions_of_one_code_exactly_one_succeeds_and_its_refresh_token_is_then_revoked()
    {
        var rounds = new List<string>();
        for (var round = 0; round < 10; round++)
        {
            var (client, request, code) = await CodeAsync();

            var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => fixture.TokenAsync(client, request.TokenForm(code))));

            var winners = responses.Where(r => r.StatusCode == HttpStatusCode.OK).ToList();
            var refusals = string.Join(",", responses.Where(r => r.StatusCode != HttpStatusCode.OK).Select(fixture.Server.ErrorIdOf).Order(StringComparer.Ordinal));
            rounds.Add($"{winners.Count} × 200, refused: {refusals}");
            foreach (var refused in responses.Where(r => r.StatusCode != HttpStatusCode.OK))
            {
                await refused.AssertErrorAsync(HttpStatusCode.BadRequest, "invalid_grant");
            }

            if (winners is [var winner])
            {
                // The winner keeps its access token; a refresh token it got (when it started its family before a loser
                // revoked it) is refused now, and when a loser's revocation came first it got none.
                var issued = await winner.JsonAsync();
                Assert.False(string.IsNullOrEmpty(issued.Str("access_token")));
                if (issued.TryGetProperty("refresh_token", out var refreshToken))
                {
                    var refresh = await fixture.RefreshAsync(client, refreshToken.GetString()!);
                    await fixture.Server.AssertErrorAsync(refresh, HttpStatusCode.BadRequest, "invalid_grant", ErrorIds.TokenRefreshInvalid);
                }
            }
        }

        Assert.True(rounds.All(r => r.StartsWith("1 × 200", StringComparison.Ordinal)), string.Join("\n", rounds));
    }

    [Fact]
    public async Task A_resource_not_granted_at_authorize_is_invalid_target()
    {
        var client = await fixture.RegisterAsync();
        var request = AuthorizationFixture.RequestFor(client) with { Resources = [AuthorizationFixture.Api] };
        var code = await fixture.CodeAsync(request);

        var response = await fixture.TokenAsync(client, request.TokenForm(code, AuthorizationFixture.OtherApi));

        await fixture.Server.AssertErrorAsync(response, HttpStatusCode.BadRequest, "invalid_target", ErrorIds.TokenResourceNotGranted);
    }

    [Fact]
    public async Task A_client_registered_without_refresh_token_gets_no_refresh_token()
    {
        var client = await fixture.RegisterAsync(grantTypes: """["authorization_code"]""");

        var tokens = await fixture.TokensAsync(client);

        Assert.False(tokens.TryGetProperty("refresh_token", out _), tokens.ToString());
        Assert.True(tokens.TryGetProperty("access_token", out _));
    }

    [Fact]
    public async Task Token_responses_are_not_cached()
    {
        var (client, request, code) = await CodeAsync();

        using var response = await fixture.TokenAsync(client, request.TokenForm(code));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl?.NoStore);
    }

    private async Task<(System.Text.Json.JsonElement Client, AuthorizationRequest Request, string Code)> CodeAsync(string authMethod = "client_secret_basic", string? secondRedirectUri = null)
    {
        var client = await fixture.RegisterAsync(authMethod: authMethod, secondRedirectUri: secondRedirectUri);
        var request = AuthorizationFixture.RequestFor(client);
        return (client, request, await fixture.CodeAsync(request));
    }
}
