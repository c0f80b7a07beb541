using System.Net;
using Registry.Protocol.Errors;

namespace Registry.Gateway.Tests.Authorization;

/// <summary>
/// GET /authorize refusals (RFC 6749 §4.1.2.1, RFC 7636 §4.4.1, RFC 8707 §2): told to the client by a redirect when
/// the client and its redirect URI are known, otherwise shown to the user (never an open redirect).
/// </summary>
[Collection(AuthorizationCollectionDefinition.Name)]
public sealed class AuthorizeEndpointTests(AuthorizationFixture fixture)
{
    public static TheoryData<string, string, string> RedirectedErrors => new()
    {
        { "no_code_challenge", "invalid_request", ErrorIds.AuthorizePkceMissing },
        { "plain", "invalid_request", ErrorIds.AuthorizePkceMethodUnsupported },
        { "no_method", "invalid_request", ErrorIds.AuthorizePkceMethodUnsupported },
        { "short_challenge", "invalid_request", ErrorIds.AuthorizePkceChallengeInvalid },
        { "response_type_token", "unsupported_response_type", ErrorIds.AuthorizeResponseTypeUnsupported },
        { "no_response_type", "invalid_request", ErrorIds.AuthorizeResponseTypeUnsupported },
        { "resource_not_allowed", "invalid_target", ErrorIds.ResourceNotAllowed },
        { "resource_with_fragment", "invalid_target", ErrorIds.ResourceInvalid },
    };

    [Theory]
    [MemberData(nameof(RedirectedErrors))]
    public async Task A_bad_request_of_a_known_client_is_redirected_back_with_its_error_the_state_and_the_issuer(string problem, string error, string errorId)
    {
        var client = await fixture.RegisterAsync(authMethod: "none");
        var request = AuthorizationFixture.RequestFor(client);
        request = problem switch
        {
            "no_code_challenge" => request with { WithoutCodeChallenge = true, CodeChallengeMethod = null },
            "plain" => request with { CodeChallenge = request.CodeVerifier, CodeChallengeMethod = "plain" },
            "no_method" => request with { CodeChallengeMethod = null },
            "short_challenge" => request with { CodeChallenge = "abc" },
            "response_type_token" => request with { ResponseType = "token" },
            "no_response_type" => request with { ResponseType = null },
            "resource_not_allowed" => request with { Resources = ["https://evil.example/"] },
            _ => request with { Resources = [AuthorizationFixture.Api + "#part"] },
        };
        using var browser = fixture.Browser();

        var response = await browser.SignInAsync(request);

        var redirect = AuthorizationFlow.AtClient(response, request.RedirectUri);
        Assert.Equal((error, request.State, fixture.IssuerOf()), (redirect.Error, redirect.State, redirect.Iss));
        Assert.Null(redirect.Code);
        Assert.False(string.IsNullOrWhiteSpace(redirect.ErrorDescription));
        fixture.AssertErrorId(response, errorId);
    }

    [Fact]
    public async Task Pkce_errors_are_redirected_before_the_user_is_sent_to_sign_in()
    {
        var client = await fixture.RegisterAsync();
        var request = AuthorizationFixture.RequestFor(client) with { WithoutCodeChallenge = true, CodeChallengeMethod = null };
        using var browser = fixture.Browser();

        var response = await browser.StartAsync(request);

        // Straight back to the client: the user is not made to sign in for a request that cannot succeed.
        Assert.Equal("invalid_request", AuthorizationFlow.AtClient(response, request.RedirectUri).Error);
    }

    [Fact]
    public async Task A_state_is_returned_exactly_as_sent()
    {
        var client = await fixture.RegisterAsync();
        var request = AuthorizationFixture.RequestFor(client) with { State = "a b&c=d/é+%" };
        using var browser = fixture.Browser();

        var redirect = await browser.AuthorizeAsync(request);

        Assert.Equal("a b&c=d/é+%", redirect.State);
        Assert.NotNull(redirect.Code);
    }

    [Fact]
    public async Task Without_a_state_the_redirect_has_none()
    {
        var client = await fixture.RegisterAsync();
        var request = AuthorizationFixture.RequestFor(client) with { State = null };
        using var browser = fixture.Browser();

        var redirect = await browser.AuthorizeAsync(request);

        Assert.NotNull(redirect.Code);
        Assert.False(redirect.Parameters.ContainsKey("state"));
    }

    [Theory]
    [InlineData("unknown_client")]
    [InlineData("no_client")]
    [InlineData("unregistered_redirect")]
    [InlineData("redirect_prefix")]
    [InlineData("redirect_other_port")]
    [InlineData("redirect_with_query")]
    [InlineData("no_redirect_two_registered")]
    public async Task An_unknown_client_or_redirect_uri_is_an_error_page_never_a_redirect(string problem)
    {
        var client = await fixture.RegisterAsync(secondRedirectUri: problem == "no_redirect_two_registered" ? "https://app.example/other" : null);
        var request = AuthorizationFixture.RequestFor(client);
        var query = problem switch
        {
            "unknown_client" => (request with { ClientId = "AAAAAAAAAAAAAAAAAAAAAA" }).ToQuery(),
            "no_client" => request.ToQuery().Replace("client_id=", "x_client_id=", StringComparison.Ordinal),
            "unregistered_redirect" => (request with { RedirectUri = "https://evil.example/callback" }).ToQuery(),
            "redirect_prefix" => (request with { RedirectUri = AuthorizationFixture.AppRedirect + "/more" }).ToQuery(),
            "redirect_other_port" => (request with { RedirectUri = "https://app.example:8443/callback" }).ToQuery(),
            "redirect_with_query" => (request with { RedirectUri = AuthorizationFixture.AppRedirect + "?next=evil" }).ToQuery(),
            _ => request.ToQuery().Replace("redirect_uri=", "x_redirect_uri=", StringComparison.Ordinal),
        };
        using var browser = fixture.Browser();

        var response = await browser.StartAsync(query);

        await AuthorizationFixture.AssertErrorPageAsync(response);
        fixture.AssertErrorId(response, problem.Contains("client", StringComparison.Ordinal) ? ErrorIds.AuthorizeClientInvalid : ErrorIds.AuthorizeRedirectUriInvalid);
    }

    [Fact]
    public async Task The_error_page_escapes_what_the_request_said()
    {
        using var browser = fixture.Browser();

        var response = await browser.StartAsync("response_type=code&client_id=%3Cscript%3Ealert(1)%3C%2Fscript%3E&redirect_uri=https%3A%2F%2Fx.example%2F%3Cb%3E");

        var html = await AuthorizationFixture.AssertErrorPageAsync(response);
        Assert.DoesNotContain("<script>", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<b>", html, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("http://127.0.0.1/callback", "http://127.0.0.1:53682/callback")]
    [InlineData("http://127.0.0.1:8080/callback", "http://127.0.0.1:61000/callback")]
    [InlineData("http://[::1]/callback", "http://[::1]:40123/callback")]
    public async Task A_loopback_redirect_uri_may_use_any_port(string registered, string used)
    {
        var client = await fixture.RegisterAsync(authMethod: "none", redirectUri: registered);
        var request = AuthorizationFixture.RequestFor(client) with { RedirectUri = used };
        using var browser = fixture.Browser();

        var redirect = await browser.AuthorizeAsync(request);

        Assert.NotNull(redirect.Code);
        Assert.Equal(used, redirect.Location.GetLeftPart(UriPartial.Path));
        var tokens = await fixture.RedeemAsync(client, request, redirect.Code!);
        Assert.False(string.IsNullOrEmpty(tokens.Str("access_token")));
    }

    [Theory]
    [InlineData("http://127.0.0.1/callback", "http://127.0.0.1:53682/other")]
    [InlineData("http://127.0.0.1/callback", "http://localhost:53682/callback")]
    [InlineData("http://127.0.0.1/callback", "https://127.0.0.1:53682/callback")]
    [InlineData("https://app.example/callback", "https://app.example:8443/callback")]
    public async Task Port_flexibility_is_for_loopback_only_and_nothing_else_may_differ(string registered, string used)
    {
        var client = await fixture.RegisterAsync(authMethod: "none", redirectUri: registered);
        var request = AuthorizationFixture.RequestFor(client) with { RedirectUri = used };
        using var browser = fixture.Browser();

        var response = await browser.StartAsync(request);

        await AuthorizationFixture.AssertErrorPageAsync(response);
        fixture.AssertErrorId(response, ErrorIds.AuthorizeRedirectUriInvalid);
    }

    [Fact]
    public async Task A_code_issued_for_one_loopback_port_is_not_redeemed_for_another()
    {
        var client = await fixture.RegisterAsync(authMethod: "none", redirectUri: "http://127.0.0.1/callback");
        var request = AuthorizationFixture.RequestFor(client) with { RedirectUri = "http://127.0.0.1:50001/callback" };
        var code = await fixture.CodeAsync(request);

        var response = await fixture.TokenAsync(client, (request with { TokenRedirectUri = "http://127.0.0.1:50002/callback" }).TokenForm(code));

        await fixture.Server.AssertErrorAsync(response, HttpStatusCode.BadRequest, "invalid_grant", ErrorIds.TokenCodeInvalid);
    }

    [Fact]
    public async Task A_scope_the_client_did_not_register_is_invalid_scope()
    {
        var client = await fixture.RegisterAsync();
        var request = AuthorizationFixture.RequestFor(client) with { Scope = "notes.read admin.everything" };
        using var browser = fixture.Browser();

        var response = await browser.SignInAsync(request);

        var redirect = AuthorizationFlow.AtClient(response, request.RedirectUri);
        Assert.Equal(("invalid_scope", request.State), (redirect.Error, redirect.State));
        fixture.AssertErrorId(response, ErrorIds.AuthorizeScopeNotRegistered);
    }

    [Fact]
    public async Task A_client_without_the_authorization_code_grant_is_unauthorized_client()
    {
        using var registered = await fixture.RegisterRawAsync("", $$"""{"grant_types": ["client_credentials"], "redirect_uris": ["{{AuthorizationFixture.AppRedirect}}"], "scope": "{{AuthorizationFixture.Scope}}"}""");
        var client = await registered.JsonAsync();
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        var request = AuthorizationFixture.RequestFor(client);
        using var browser = fixture.Browser();

        var response = await browser.SignInAsync(request);

        // Its redirect URI is registered, so the client is told.
        Assert.Equal("unauthorized_client", AuthorizationFlow.AtClient(response, request.RedirectUri).Error);
        fixture.AssertErrorId(response, ErrorIds.AuthorizeGrantNotRegistered);
    }
}
