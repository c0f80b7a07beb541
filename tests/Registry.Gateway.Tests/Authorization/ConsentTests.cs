using System.Net;
using Registry.Protocol.Errors;

namespace Registry.Gateway.Tests.Authorization;

/// <summary>The consent page: what it shows, CSRF protection, denial, and approvals remembered per user and client.</summary>
[Collection(AuthorizationCollectionDefinition.Name)]
public sealed class ConsentTests(AuthorizationFixture fixture)
{
    [Fact]
    public async Task The_page_names_the_client_the_redirect_host_the_scopes_and_the_resources()
    {
        var client = await fixture.RegisterAsync(clientName: "Notes & <Co>", extraMembers: """, "logo_uri": "https://app.example/logo.png" """);
        var request = AuthorizationFixture.RequestFor(client) with { Resources = [AuthorizationFixture.Api] };
        using var browser = fixture.Browser();

        var page = await AuthorizationFlow.ConsentPageAsync(await browser.SignInAsync(request));

        Assert.Equal("Notes & <Co>", page.ClientName);
        Assert.DoesNotContain("<Co>", page.Html, StringComparison.Ordinal);
        Assert.Equal("app.example", page.RedirectHost);
        Assert.Equal(["notes.read", "notes.write"], page.Scopes.Order(StringComparer.Ordinal));
        Assert.Equal([AuthorizationFixture.Api], page.Resources);
        Assert.Equal("https://app.example/logo.png", page.LogoSource);
        Assert.Equal(fixture.IssuerOf() + "/authorize/consent", page.Action.ToString());
        Assert.Contains("id=\"approve\"", page.Html, StringComparison.Ordinal);
        Assert.Contains("id=\"deny\"", page.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", page.Html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_client_without_a_name_or_logo_is_named_by_its_id_and_shows_no_logo()
    {
        using var registered = await fixture.RegisterRawAsync("", $$"""
            {"grant_types": ["authorization_code"], "response_types": ["code"], "redirect_uris": ["{{AuthorizationFixture.AppRedirect}}"], "scope": "{{AuthorizationFixture.Scope}}"}
            """);
        var client = await registered.JsonAsync();
        using var browser = fixture.Browser();

        var page = await AuthorizationFlow.ConsentPageAsync(await browser.SignInAsync(AuthorizationFixture.RequestFor(client)));

        Assert.Equal(client.Str("client_id"), page.ClientName);
        Assert.Null(page.LogoSource);
        Assert.Empty(page.Resources);
    }

    [Fact]
    public async Task Denying_sends_access_denied_to_the_client_and_no_code()
    {
        var client = await fixture.RegisterAsync();
        var request = AuthorizationFixture.RequestFor(client);
        using var browser = fixture.Browser();
        var page = await AuthorizationFlow.ConsentPageAsync(await browser.SignInAsync(request));

        var response = await browser.DecideAsync(page, "deny");

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        var redirect = AuthorizationFlow.AtClient(response, request.RedirectUri);
        Assert.Equal(("access_denied", request.State, fixture.IssuerOf()), (redirect.Error, redirect.State, redirect.Iss));
        Assert.Null(redirect.Code);
        fixture.AssertErrorId(response, ErrorIds.AuthorizeAccessDenied);
    }

    [Fact]
    public async Task Approving_sends_a_code_with_303()
    {
        var client = await fixture.RegisterAsync();
        var request = AuthorizationFixture.RequestFor(client);
        using var browser = fixture.Browser();
        var page = await AuthorizationFlow.ConsentPageAsync(await browser.SignInAsync(request));

        var response = await browser.DecideAsync(page);

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.NotNull(AuthorizationFlow.AtClient(response, request.RedirectUri).Code);
    }

    [Theory]
    [InlineData("tampered")]
    [InlineData("empty")]
    [InlineData("missing")]
    [InlineData("other_session")]
    public async Task A_wrong_csrf_token_is_an_error_page_and_no_code(string how)
    {
        var client = await fixture.RegisterAsync();
        var request = AuthorizationFixture.RequestFor(client);
        using var browser = fixture.Browser();
        var page = await AuthorizationFlow.ConsentPageAsync(await browser.SignInAsync(request));
        using var other = fixture.Browser();
        var otherPage = await AuthorizationFlow.ConsentPageAsync(await other.SignInAsync(AuthorizationFixture.RequestFor(client)));

        var response = how switch
        {
            "tampered" => await browser.DecideAsync(page, csrf: (page.Csrf[0] == 'A' ? "B" : "A") + page.Csrf[1..]),
            "empty" => await browser.DecideAsync(page, csrf: ""),
            "missing" => await browser.Http.PostAsync(page.Action, new FormUrlEncodedContent([new("request", page.Request), new("decision", "approve")])),
            _ => await browser.DecideAsync(page, csrf: otherPage.Csrf),
        };

        await AuthorizationFixture.AssertErrorPageAsync(response);
        fixture.AssertErrorId(response, ErrorIds.AuthorizeCsrfInvalid);
    }

    [Fact]
    public async Task A_consent_form_posted_from_another_browser_is_refused()
    {
        var client = await fixture.RegisterAsync();
        using var victim = fixture.Browser();
        var page = await AuthorizationFlow.ConsentPageAsync(await victim.SignInAsync(AuthorizationFixture.RequestFor(client)));
        using var attacker = fixture.Browser();

        var response = await attacker.DecideAsync(page);

        await AuthorizationFixture.AssertErrorPageAsync(response);
        fixture.AssertErrorId(response, ErrorIds.AuthorizeCsrfInvalid);
    }

    [Fact]
    public async Task A_tampered_request_is_refused()
    {
        var client = await fixture.RegisterAsync();
        using var browser = fixture.Browser();
        var page = await AuthorizationFlow.ConsentPageAsync(await browser.SignInAsync(AuthorizationFixture.RequestFor(client)));

        var response = await browser.DecideAsync(page, request: page.Request[..^2] + (page.Request[^2] == 'A' ? "B" : "A") + page.Request[^1]);

        Assert.False(AuthorizationFlow.IsRedirect(response) && AuthorizationFlow.LocationOf(response).Query.Contains("code=", StringComparison.Ordinal), AuthorizationFlow.Describe(response));
        await AuthorizationFixture.AssertErrorPageAsync(response);
        fixture.AssertErrorId(response, ErrorIds.AuthorizeTransactionInvalid);
    }

    [Fact]
    public async Task An_approval_is_remembered_for_the_user_and_client_so_the_next_authorization_skips_the_page()
    {
        var client = await fixture.RegisterAsync();
        var request = AuthorizationFixture.RequestFor(client);
        await fixture.CodeAsync(request);
        using var browser = fixture.Browser();

        var again = AuthorizationFixture.RequestFor(client);
        var response = await browser.SignInAsync(again);

        var redirect = AuthorizationFlow.AtClient(response, again.RedirectUri);
        Assert.Equal(again.State, redirect.State);
        await fixture.RedeemAsync(client, again, redirect.Code!);
    }

    [Fact]
    public async Task A_wider_request_another_user_or_another_client_asks_again()
    {
        var client = await fixture.RegisterAsync();
        await fixture.CodeAsync(AuthorizationFixture.RequestFor(client) with { Scope = "notes.read" });

        using (var wider = fixture.Browser())
        {
            await AuthorizationFlow.ConsentPageAsync(await wider.SignInAsync(AuthorizationFixture.RequestFor(client)));
        }

        using (var withResource = fixture.Browser())
        {
            await AuthorizationFlow.ConsentPageAsync(await withResource.SignInAsync(AuthorizationFixture.RequestFor(client) with { Scope = "notes.read", Resources = [AuthorizationFixture.Api] }));
        }

        using (fixture.Upstream.SignIn("bob"))
        {
            using var bob = fixture.Browser();
            await AuthorizationFlow.ConsentPageAsync(await bob.SignInAsync(AuthorizationFixture.RequestFor(client) with { Scope = "notes.read" }));
        }

        var otherClient = await fixture.RegisterAsync();
        using var browser = fixture.Browser();
        await AuthorizationFlow.ConsentPageAsync(await browser.SignInAsync(AuthorizationFixture.RequestFor(otherClient) with { Scope = "notes.read" }));
    }

    /// <summary>
    /// RFC 8252 §8.6: another app on the device can claim a public client's id and listen on a loopback port, so an
    /// approval is never reused for such a client: the page is shown every time, and prompt=none gets consent_required.
    /// </summary>
    [Fact]
    public async Task A_public_client_at_a_loopback_redirect_is_asked_every_time()
    {
        var client = await fixture.RegisterAsync(authMethod: "none", redirectUri: "http://127.0.0.1/callback", extraMembers: """, "application_type": "native" """);
        using var browser = fixture.Browser();
        await browser.AuthorizeAsync(AuthorizationFixture.RequestFor(client));

        var again = await browser.StartAsync(AuthorizationFixture.RequestFor(client) with { RedirectUri = "http://127.0.0.1:50123/callback" });
        var silent = AuthorizationFixture.RequestFor(client) with { Extra = "prompt=none" };
        var silently = await browser.StartAsync(silent);

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        await AuthorizationFlow.ConsentPageAsync(again);
        Assert.Equal("consent_required", AuthorizationFlow.AtClient(silently, silent.RedirectUri).Parameters["error"]);
    }

    [Fact]
    public async Task Prompt_login_signs_the_user_in_again_once_then_continues()
    {
        var client = await fixture.RegisterAsync();
        using var browser = fixture.Browser();
        await browser.AuthorizeAsync(AuthorizationFixture.RequestFor(client));
        var before = fixture.Upstream.AuthorizationRequests.Count;

        var request = AuthorizationFixture.RequestFor(client) with { Extra = "prompt=login" };
        var redirect = await browser.AuthorizeAsync(request);

        Assert.Equal(before + 1, fixture.Upstream.AuthorizationRequests.Count);
        Assert.Equal(request.State, redirect.State);
        await fixture.RedeemAsync(client, request, redirect.Code!);
    }

    [Fact]
    public async Task A_signed_in_user_is_not_sent_to_the_upstream_again()
    {
        var first = await fixture.RegisterAsync();
        var second = await fixture.RegisterAsync();
        using var browser = fixture.Browser();
        await browser.AuthorizeAsync(AuthorizationFixture.RequestFor(first));

        var response = await browser.StartAsync(AuthorizationFixture.RequestFor(second));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await AuthorizationFlow.ConsentPageAsync(response);
        Assert.Contains(browser.Cookies.GetCookies(new Uri(fixture.IssuerOf())), c => c.Name.StartsWith("registry_session", StringComparison.Ordinal) && c.HttpOnly);
    }

    [Fact]
    public async Task A_revoked_consent_is_asked_for_again()
    {
        var client = await fixture.RegisterAsync();
        await fixture.CodeAsync(AuthorizationFixture.RequestFor(client));
        var operatorToken = (await (await fixture.Http.TokenAsync("/admin", "grant_type=client_credentials", OAuthClient.Basic("operator", "password"))).JsonAsync()).Str("access_token");

        using var list = await fixture.Http.SendJsonAsync(HttpMethod.Get, "/admin/tenants/default/subjects/alice/consents", operatorToken, null);
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Contains(client.Str("client_id"), await list.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var revoke = await fixture.Http.SendJsonAsync(HttpMethod.Delete, $"/admin/tenants/default/subjects/alice/consents/{client.Str("client_id")}", operatorToken, null);
        Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);

        using var browser = fixture.Browser();
        await AuthorizationFlow.ConsentPageAsync(await browser.SignInAsync(AuthorizationFixture.RequestFor(client)));
    }

    [Fact]
    public async Task The_page_cannot_be_framed_cached_or_run_scripts()
    {
        var client = await fixture.RegisterAsync();
        using var browser = fixture.Browser();

        var response = await browser.SignInAsync(AuthorizationFixture.RequestFor(client));

        await AuthorizationFlow.ConsentPageAsync(response);
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.True(response.Headers.CacheControl?.NoStore);
        var policy = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("script-src", policy, StringComparison.Ordinal);
        Assert.Contains("default-src 'none'", policy, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Prompt_none_without_a_session_is_login_required_at_the_client()
    {
        var client = await fixture.RegisterAsync();
        var request = AuthorizationFixture.RequestFor(client) with { Extra = "prompt=none" };
        using var browser = fixture.Browser();

        var response = await browser.StartAsync(request);

        var redirect = AuthorizationFlow.AtClient(response, request.RedirectUri);
        Assert.Equal(("login_required", request.State, fixture.IssuerOf()), (redirect.Error, redirect.State, redirect.Iss));
        fixture.AssertErrorId(response, ErrorIds.AuthorizeLoginRequired);
    }

    [Fact]
    public async Task Prompt_none_without_an_approval_is_consent_required_and_prompt_consent_asks_again()
    {
        var client = await fixture.RegisterAsync();
        var other = await fixture.RegisterAsync();
        using var browser = fixture.Browser();
        await browser.AuthorizeAsync(AuthorizationFixture.RequestFor(client));

        var silent = AuthorizationFixture.RequestFor(other) with { Extra = "prompt=none" };
        var response = await browser.StartAsync(silent);
        Assert.Equal("consent_required", AuthorizationFlow.AtClient(response, silent.RedirectUri).Error);
        fixture.AssertErrorId(response, ErrorIds.AuthorizeConsentRequired);

        var silentApproved = AuthorizationFixture.RequestFor(client) with { Extra = "prompt=none" };
        Assert.NotNull(AuthorizationFlow.AtClient(await browser.StartAsync(silentApproved), silentApproved.RedirectUri).Code);
        await AuthorizationFlow.ConsentPageAsync(await browser.StartAsync(AuthorizationFixture.RequestFor(client) with { Extra = "prompt=consent" }));
    }
}
