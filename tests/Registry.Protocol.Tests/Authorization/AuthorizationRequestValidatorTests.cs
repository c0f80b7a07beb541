using Registry.Protocol.Authorization;
using Registry.Protocol.Errors;
using Registry.Protocol.Metadata;

namespace Registry.Protocol.Tests.Authorization;

/// <summary>
/// An authorization request checked in RFC 6749 section 4.1.2.1 order: the redirect URI first (shown to the user when
/// wrong), then response type, grant, state, PKCE S256, scope, resources and prompt (sent to the client when wrong).
/// </summary>
public sealed class AuthorizationRequestValidatorTests
{
    private const string ClientId = "cid";

    private const string Redirect = "https://app.example/cb";

    /// <summary>The RFC 7636 appendix B challenge.</summary>
    private const string Challenge = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

    private static readonly ClientMetadata Client = new()
    {
        RedirectUris = [Redirect],
        GrantTypes = [GrantTypes.AuthorizationCode, GrantTypes.RefreshToken],
        ResponseTypes = [ResponseTypes.Code],
        Scope = "openid email api.read",
    };

    private static readonly RegistrationPolicy Policy = TestData.Policy with { AllowedResources = ["https://api.example", "https://files.example/v1"] };

    private static readonly AuthorizationRequest Valid = new("as-sent", Redirect, "code", "xyz", "openid email", Challenge, "S256", [], null);

    /// <summary>Requests each wrong in one way, by name, with the client they are sent for and the error expected.</summary>
    private static readonly Dictionary<string, (AuthorizationRequest Request, ClientMetadata Client, string Code, string Id)> Refusals = new()
    {
        ["repeated parameter"] = (Valid with { RepeatedParameter = "state" }, Client, OAuthErrorCodes.InvalidRequest, ErrorIds.AuthorizeParameterRepeated),
        ["no response_type"] = (Valid with { ResponseType = null }, Client, OAuthErrorCodes.InvalidRequest, ErrorIds.AuthorizeResponseTypeUnsupported),
        ["response_type token"] = (Valid with { ResponseType = "token" }, Client, OAuthErrorCodes.UnsupportedResponseType, ErrorIds.AuthorizeResponseTypeUnsupported),
        ["response_type code id_token"] = (Valid with { ResponseType = "code id_token" }, Client, OAuthErrorCodes.UnsupportedResponseType, ErrorIds.AuthorizeResponseTypeUnsupported),
        ["response_type CODE"] = (Valid with { ResponseType = "CODE" }, Client, OAuthErrorCodes.UnsupportedResponseType, ErrorIds.AuthorizeResponseTypeUnsupported),
        ["client_credentials client"] = (Valid, Client with { GrantTypes = [GrantTypes.ClientCredentials] }, OAuthErrorCodes.UnauthorizedClient, ErrorIds.AuthorizeGrantNotRegistered),
        ["client without grants"] = (Valid, Client with { GrantTypes = [] }, OAuthErrorCodes.UnauthorizedClient, ErrorIds.AuthorizeGrantNotRegistered),
        ["grant in other case"] = (Valid, Client with { GrantTypes = ["Authorization_Code"] }, OAuthErrorCodes.UnauthorizedClient, ErrorIds.AuthorizeGrantNotRegistered),
        ["state of 2049"] = (Valid with { State = new string('s', 2049) }, Client, OAuthErrorCodes.InvalidRequest, ErrorIds.AuthorizeStateTooLong),
        ["no code_challenge"] = (Valid with { CodeChallenge = null }, Client, OAuthErrorCodes.InvalidRequest, ErrorIds.AuthorizePkceMissing),
        ["no code_challenge_method"] = (Valid with { CodeChallengeMethod = null }, Client, OAuthErrorCodes.InvalidRequest, ErrorIds.AuthorizePkceMethodUnsupported),
        ["method plain"] = (Valid with { CodeChallengeMethod = "plain" }, Client, OAuthErrorCodes.InvalidRequest, ErrorIds.AuthorizePkceMethodUnsupported),
        ["method s256"] = (Valid with { CodeChallengeMethod = "s256" }, Client, OAuthErrorCodes.InvalidRequest, ErrorIds.AuthorizePkceMethodUnsupported),
        ["challenge of 42"] = (Valid with { CodeChallenge = Challenge[..42] }, Client, OAuthErrorCodes.InvalidRequest, ErrorIds.AuthorizePkceChallengeInvalid),
        ["challenge padded"] = (Valid with { CodeChallenge = Challenge + "=" }, Client, OAuthErrorCodes.InvalidRequest, ErrorIds.AuthorizePkceChallengeInvalid),
        ["challenge in base64"] = (Valid with { CodeChallenge = Challenge[..42] + "+" }, Client, OAuthErrorCodes.InvalidRequest, ErrorIds.AuthorizePkceChallengeInvalid),
        ["scope syntax"] = (Valid with { Scope = "openid e\"mail" }, Client, OAuthErrorCodes.InvalidScope, ErrorIds.AuthorizeScopeSyntax),
        ["scope backslash"] = (Valid with { Scope = "open\\id" }, Client, OAuthErrorCodes.InvalidScope, ErrorIds.AuthorizeScopeSyntax),
        ["scope of 2049"] = (Valid with { Scope = "openid" + new string(' ', 2043) }, Client, OAuthErrorCodes.InvalidScope, ErrorIds.AuthorizeScopeSyntax),
        ["scope nobody has"] = (Valid with { Scope = "openid admin" }, Client, OAuthErrorCodes.InvalidScope, ErrorIds.AuthorizeScopeNotRegistered),
        ["scope the tenant allows, not registered"] = (Valid with { Scope = "profile" }, Client, OAuthErrorCodes.InvalidScope, ErrorIds.AuthorizeScopeNotRegistered),
        ["scope in other case"] = (Valid with { Scope = "OpenID" }, Client, OAuthErrorCodes.InvalidScope, ErrorIds.AuthorizeScopeNotRegistered),
        ["scope of a client without scopes"] = (Valid with { Scope = "openid" }, Client with { Scope = "" }, OAuthErrorCodes.InvalidScope, ErrorIds.AuthorizeScopeNotRegistered),
        ["resource with fragment"] = (Valid with { Resources = ["https://api.example#x"] }, Client, OAuthErrorCodes.InvalidTarget, ErrorIds.ResourceInvalid),
        ["resource not allowed"] = (Valid with { Resources = ["https://api.example", "https://evil.example"] }, Client, OAuthErrorCodes.InvalidTarget, ErrorIds.ResourceNotAllowed),
        ["prompt select_account"] = (Valid with { Prompt = "select_account" }, Client, OAuthErrorCodes.InvalidRequest, ErrorIds.AuthorizePromptUnsupported),
        ["prompt list"] = (Valid with { Prompt = "login consent" }, Client, OAuthErrorCodes.InvalidRequest, ErrorIds.AuthorizePromptUnsupported),
        ["prompt NONE"] = (Valid with { Prompt = "NONE" }, Client, OAuthErrorCodes.InvalidRequest, ErrorIds.AuthorizePromptUnsupported),
    };

    public static TheoryData<string> Refused => [.. Refusals.Keys];

    [Theory]
    [MemberData(nameof(Refused))]
    public void A_faulty_request_is_refused_with_its_code_and_id(string name)
    {
        var (request, client, code, id) = Refusals[name];

        var error = Refusal(request, client);

        Assert.Equal((code, id), (error.Code, error.Id));
        Assert.True(error.Description.Length > 10, $"'{error.Description}' explains nothing");
    }

    [Fact]
    public void A_repeated_parameter_is_named()
    {
        Assert.Contains("code_challenge", Refusal(Valid with { RepeatedParameter = "code_challenge" }, Client).Description, StringComparison.Ordinal);
    }

    [Fact]
    public void A_scope_not_registered_is_named()
    {
        Assert.Contains("'admin'", Refusal(Valid with { Scope = "openid admin email" }, Client).Description, StringComparison.Ordinal);
    }

    /// <summary>With every check failing, the first in order is reported; each step repairs the one reported before.</summary>
    [Fact]
    public void The_checks_run_in_a_fixed_order()
    {
        var request = new AuthorizationRequest(ClientId, Redirect, null, new string('s', 2049), "openid admin\"", null, "plain", ["relative"], "always")
        {
            RepeatedParameter = "scope",
        };
        var client = Client with { GrantTypes = [GrantTypes.ClientCredentials] };
        var steps = new (string Code, string Id, Func<AuthorizationRequest, AuthorizationRequest> Request, Func<ClientMetadata, ClientMetadata> Client)[]
        {
            (OAuthErrorCodes.InvalidRequest, ErrorIds.AuthorizeParameterRepeated, r => r with { RepeatedParameter = null }, c => c),
            (OAuthErrorCodes.InvalidRequest, ErrorIds.AuthorizeResponseTypeUnsupported, r => r with { ResponseType = "token" }, c => c),
            (OAuthErrorCodes.UnsupportedResponseType, ErrorIds.AuthorizeResponseTypeUnsupported, r => r with { ResponseType = "code" }, c => c),
            (OAuthErrorCodes.UnauthorizedClient, ErrorIds.AuthorizeGrantNotRegistered, r => r, c => c with { GrantTypes = [GrantTypes.AuthorizationCode] }),
            (OAuthErrorCodes.InvalidRequest, ErrorIds.AuthorizeStateTooLong, r => r with { State = "s" }, c => c),
            (OAuthErrorCodes.InvalidRequest, ErrorIds.AuthorizePkceMissing, r => r with { CodeChallenge = "too-short" }, c => c),
            (OAuthErrorCodes.InvalidRequest, ErrorIds.AuthorizePkceMethodUnsupported, r => r with { CodeChallengeMethod = "S256" }, c => c),
            (OAuthErrorCodes.InvalidRequest, ErrorIds.AuthorizePkceChallengeInvalid, r => r with { CodeChallenge = Challenge }, c => c),
            (OAuthErrorCodes.InvalidScope, ErrorIds.AuthorizeScopeSyntax, r => r with { Scope = "openid admin" }, c => c),
            (OAuthErrorCodes.InvalidScope, ErrorIds.AuthorizeScopeNotRegistered, r => r with { Scope = "openid" }, c => c),
            (OAuthErrorCodes.InvalidTarget, ErrorIds.ResourceInvalid, r => r with { Resources = ["https://unknown.example"] }, c => c),
            (OAuthErrorCodes.InvalidTarget, ErrorIds.ResourceNotAllowed, r => r with { Resources = ["https://api.example"] }, c => c),
            (OAuthErrorCodes.InvalidRequest, ErrorIds.AuthorizePromptUnsupported, r => r with { Prompt = "consent" }, c => c),
        };

        foreach (var (code, id, repairRequest, repairClient) in steps)
        {
            var error = Refusal(request, client);
            Assert.Equal((code, id), (error.Code, error.Id));
            (request, client) = (repairRequest(request), repairClient(client));
        }

        Assert.True(Validate(request, client).IsSuccess);
    }

    [Fact]
    public void A_valid_request_carries_everything_the_code_needs()
    {
        var request = Valid with { Resources = ["https://files.example/v1", "https://api.example", "https://files.example/v1"], Prompt = "consent" };

        var authorization = Success(request, Client, "http://127.0.0.1:5000/answered-at");

        Assert.Equal(
            (ClientId, "http://127.0.0.1:5000/answered-at", "xyz", Challenge, "consent"),
            (authorization.ClientId, authorization.RedirectUri, authorization.State, authorization.CodeChallenge, authorization.Prompt));
        Assert.Equal(["openid", "email"], authorization.Scopes);
        Assert.Equal("openid email", authorization.Scope);
        Assert.Equal(["https://files.example/v1", "https://api.example"], authorization.Resources);
    }

    [Fact]
    public void State_and_prompt_are_optional_and_state_may_be_2048_characters()
    {
        var state = new string('s', 2048);

        var without = Success(Valid with { State = null, Prompt = null }, Client);
        var longest = Success(Valid with { State = state }, Client);

        Assert.Equal(((string?)null, (string?)null), (without.State, without.Prompt));
        Assert.Equal(state, longest.State);
        Assert.Empty(without.Resources);
    }

    [Theory]
    [InlineData("none")]
    [InlineData("login")]
    [InlineData("consent")]
    public void The_openid_connect_prompts_none_login_and_consent_are_honoured(string prompt)
    {
        Assert.Equal(prompt, Success(Valid with { Prompt = prompt }, Client).Prompt);
    }

    /// <summary>RFC 6749 section 3.3: without a scope the server uses a default — here every scope the client registered.</summary>
    [Fact]
    public void Without_a_scope_every_registered_scope_is_asked_for()
    {
        var authorization = Success(Valid with { Scope = null }, Client with { Scope = "api.read  openid email" });

        Assert.Equal(["api.read", "openid", "email"], authorization.Scopes);
        Assert.Equal("api.read openid email", authorization.Scope);
    }

    [Theory]
    [InlineData(" ")]
    [InlineData("   ")]
    public void A_scope_of_spaces_only_asks_for_every_registered_scope_like_no_scope(string scope)
    {
        var authorization = Success(Valid with { Scope = scope }, Client with { Scope = "api.read openid" });

        Assert.Equal(["api.read", "openid"], authorization.Scopes);
    }

    [Fact]
    public void A_client_without_scopes_asking_for_none_gets_an_empty_scope()
    {
        var authorization = Success(Valid with { Scope = null }, Client with { Scope = "" });

        Assert.Empty(authorization.Scopes);
        Assert.Equal("", authorization.Scope);
    }

    /// <summary>RFC 6749 section 3.3 lets the server grant less: a scope the tenant stopped allowing is left out, not refused.</summary>
    [Fact]
    public void Scopes_the_tenant_no_longer_allows_are_left_out()
    {
        var policy = Policy with { AllowedScopes = ["openid", "api.read"] };

        var requested = Success(Valid with { Scope = "email openid" }, Client, policy: policy);
        var defaulted = Success(Valid with { Scope = null }, Client, policy: policy);
        var nothingLeft = Success(Valid with { Scope = "email" }, Client, policy: policy);

        Assert.Equal(["openid"], requested.Scopes);
        Assert.Equal(["openid", "api.read"], defaulted.Scopes);
        Assert.Empty(nothingLeft.Scopes);
    }

    [Fact]
    public void Requested_scopes_keep_their_order_without_repetitions()
    {
        var authorization = Success(Valid with { Scope = " api.read openid  api.read email openid " }, Client);

        Assert.Equal(["api.read", "openid", "email"], authorization.Scopes);
        Assert.Equal("api.read openid email", authorization.Scope);
    }

    [Fact]
    public void A_scope_may_be_2048_characters()
    {
        var scope = "openid" + new string(' ', 2042);

        Assert.Equal(["openid"], Success(Valid with { Scope = scope }, Client).Scopes);
        Assert.Equal(2048, scope.Length);
    }

    [Fact]
    public void The_redirect_uri_given_is_the_one_answered_at()
    {
        var authorization = Success(Valid with { RedirectUri = null }, Client, redirect: "https://elsewhere.example/cb");

        Assert.Equal("https://elsewhere.example/cb", authorization.RedirectUri);
    }

    [Fact]
    public void The_registered_redirect_uri_is_answered_at()
    {
        Assert.Equal(Redirect, ResolveRedirect(Valid, Client));
    }

    [Fact]
    public void Without_redirect_uri_the_only_registered_one_is_answered_at()
    {
        Assert.Equal(Redirect, ResolveRedirect(Valid with { RedirectUri = null }, Client));
    }

    /// <summary>RFC 8252 section 7.3: a native app's loopback redirect URI, on whatever port it got.</summary>
    [Fact]
    public void A_loopback_redirect_uri_is_answered_at_on_the_port_requested()
    {
        var client = Client with { RedirectUris = ["https://app.example/cb", "http://127.0.0.1/cb"] };

        Assert.Equal("http://127.0.0.1:49152/cb", ResolveRedirect(Valid with { RedirectUri = "http://127.0.0.1:49152/cb" }, client));
    }

    /// <summary>(registered, requested, the description says redirect_uri is required) — never redirected: the user sees the error.</summary>
    public static TheoryData<string[], string?, bool> UnknownRedirects => new()
    {
        { ["https://app.example/a", "https://app.example/b"], null, true },
        { [], null, true },
        { ["https://app.example/cb"], "https://app.example/cb2", false },
        { ["https://app.example/cb"], "https://evil.example/cb", false },
        { ["https://app.example/cb"], "https://app.example:8443/cb", false },
        { [], "https://app.example/cb", false },
    };

    [Theory]
    [MemberData(nameof(UnknownRedirects))]
    public void A_redirect_uri_not_registered_or_not_determined_is_refused(string[] registered, string? requested, bool required)
    {
        var outcome = AuthorizationRequestValidator.ResolveRedirect(Valid with { RedirectUri = requested }, Client with { RedirectUris = registered });

        Assert.False(outcome.IsSuccess);
        Assert.Equal((OAuthErrorCodes.InvalidRequest, ErrorIds.AuthorizeRedirectUriInvalid), (outcome.Error.Code, outcome.Error.Id));
        Assert.Equal(required, outcome.Error.Description.Contains("required", StringComparison.Ordinal));
        Assert.True(outcome.Error.Description.Length > 10, $"'{outcome.Error.Description}' explains nothing");
    }

    /// <summary>A redirect URI longer than any parameter Registry reads is refused, even one registered (registration never allows it).</summary>
    [Fact]
    public void A_redirect_uri_over_2048_characters_is_refused_even_if_registered()
    {
        var longest = "https://app.example/" + new string('p', 2048 - 20);
        var tooLong = longest + "p";
        var client = Client with { RedirectUris = [longest, tooLong] };

        var accepted = AuthorizationRequestValidator.ResolveRedirect(Valid with { RedirectUri = longest }, client);
        var refused = AuthorizationRequestValidator.ResolveRedirect(Valid with { RedirectUri = tooLong }, client);

        Assert.Equal(longest, accepted.Value);
        Assert.Equal((OAuthErrorCodes.InvalidRequest, ErrorIds.AuthorizeRedirectUriInvalid), (refused.Error?.Code, refused.Error?.Id));
        Assert.DoesNotContain("required", refused.Error!.Description, StringComparison.Ordinal);
        Assert.True(refused.Error.Description.Length > 10);
    }

    private static string? ResolveRedirect(AuthorizationRequest request, ClientMetadata client)
    {
        var outcome = AuthorizationRequestValidator.ResolveRedirect(request, client);
        Assert.True(outcome.IsSuccess, outcome.Error?.Description);
        return outcome.Value;
    }

    private static Outcome<ValidatedAuthorization> Validate(AuthorizationRequest request, ClientMetadata client, RegistrationPolicy? policy = null, string redirect = Redirect) =>
        AuthorizationRequestValidator.Validate(request, ClientId, client, policy ?? Policy, redirect);

    private static OAuthError Refusal(AuthorizationRequest request, ClientMetadata client)
    {
        var outcome = Validate(request, client);
        Assert.False(outcome.IsSuccess);
        return outcome.Error;
    }

    private static ValidatedAuthorization Success(AuthorizationRequest request, ClientMetadata client, string redirect = Redirect, RegistrationPolicy? policy = null)
    {
        var outcome = Validate(request, client, policy, redirect);
        Assert.True(outcome.IsSuccess, outcome.Error?.Description);
        return outcome.Value;
    }
}
