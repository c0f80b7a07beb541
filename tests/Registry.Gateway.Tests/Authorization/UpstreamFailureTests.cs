using System.Net;
using Registry.Protocol.Errors;

namespace Registry.Gateway.Tests.Authorization;

/// <summary>
/// Sign-in at an upstream that misbehaves (OpenID Connect Core §3.1.3.7: every ID token check) or refuses: the user
/// sees an error page, no session is made, and no code reaches the client.
/// </summary>
[Collection(AuthorizationCollectionDefinition.Name)]
public sealed class UpstreamFailureTests(AuthorizationFixture fixture)
{
    [Theory]
    [InlineData(UpstreamMisbehavior.WrongNonce)]
    [InlineData(UpstreamMisbehavior.MissingNonce)]
    [InlineData(UpstreamMisbehavior.WrongAudience)]
    [InlineData(UpstreamMisbehavior.WrongIssuer)]
    [InlineData(UpstreamMisbehavior.ExpiredIdToken)]
    [InlineData(UpstreamMisbehavior.UnpublishedSigningKey)]
    [InlineData(UpstreamMisbehavior.TokenEndpointFails)]
    public async Task An_id_token_that_fails_a_check_is_an_error_page_and_no_code(UpstreamMisbehavior misbehavior)
    {
        var client = await fixture.RegisterAsync();
        var request = AuthorizationFixture.RequestFor(client);
        using var browser = fixture.Browser();
        var atCallback = await browser.FollowAsync(await browser.StartAsync(request));
        Assert.StartsWith(fixture.CallbackOf() + "?", AuthorizationFlow.LocationOf(atCallback).ToString(), StringComparison.Ordinal);

        HttpResponseMessage response;
        using (fixture.Upstream.Misbehave(misbehavior))
        {
            response = await browser.FollowAsync(atCallback);
        }

        Assert.True((int)response.StatusCode >= 400, AuthorizationFlow.Describe(response));
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Null(response.Headers.Location);
        fixture.AssertErrorId(response, ErrorIds.AuthorizeUpstreamFailed);
        Assert.DoesNotContain(browser.Cookies.GetCookies(new Uri(fixture.IssuerOf())), c => c.Name.StartsWith("registry_session", StringComparison.Ordinal));
        // Nothing is left half-done: starting again sends the user to sign in again.
        var retry = await browser.StartAsync(request);
        Assert.Equal(HttpStatusCode.Found, retry.StatusCode);
        Assert.StartsWith(fixture.Upstream.Issuer + "/authorize?", AuthorizationFlow.LocationOf(retry).ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refusal_at_the_upstream_gives_the_client_no_code()
    {
        var client = await fixture.RegisterAsync();
        var request = AuthorizationFixture.RequestFor(client);
        using var browser = fixture.Browser();

        HttpResponseMessage response;
        using (fixture.Upstream.Misbehave(UpstreamMisbehavior.DenyAccess))
        {
            response = await browser.SignInAsync(request);
        }

        // The client can be told: access_denied at its redirect URI (RFC 6749 §4.1.2.1), with its state and the issuer.
        var redirect = AuthorizationFlow.AtClient(response, request.RedirectUri);
        Assert.Equal(("access_denied", request.State, fixture.IssuerOf()), (redirect.Error, redirect.State, redirect.Iss));
        Assert.Null(redirect.Code);
        fixture.AssertErrorId(response, ErrorIds.AuthorizeUpstreamError);
        Assert.DoesNotContain(browser.Cookies.GetCookies(new Uri(fixture.IssuerOf())), c => c.Name.StartsWith("registry_session", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_callback_from_another_browsers_sign_in_is_refused()
    {
        var client = await fixture.RegisterAsync();
        using var victim = fixture.Browser();
        var atCallback = await victim.FollowAsync(await victim.StartAsync(AuthorizationFixture.RequestFor(client)));
        using var attacker = fixture.Browser();

        var response = await attacker.FollowAsync(atCallback);

        await AuthorizationFixture.AssertErrorPageAsync(response);
        fixture.AssertErrorId(response, ErrorIds.AuthorizeTransactionInvalid);
        Assert.DoesNotContain(attacker.Cookies.GetCookies(new Uri(fixture.IssuerOf())), c => c.Name.StartsWith("registry_session", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_callback_with_a_forged_state_or_no_code_is_refused()
    {
        var client = await fixture.RegisterAsync();
        using var browser = fixture.Browser();
        var atCallback = await browser.FollowAsync(await browser.StartAsync(AuthorizationFixture.RequestFor(client)));
        var callback = AuthorizationFlow.LocationOf(atCallback).ToString();
        var forged = System.Text.RegularExpressions.Regex.Replace(callback, "state=[^&]+", "state=forged");

        await AuthorizationFixture.AssertErrorPageAsync(await browser.Http.GetAsync(forged));
        await AuthorizationFixture.AssertErrorPageAsync(await browser.Http.GetAsync(fixture.CallbackOf()));
    }
}
