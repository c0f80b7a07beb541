using Registry.Protocol.Errors;
using Registry.Protocol.Metadata;
using Registry.Protocol.Tenancy;

namespace Registry.Protocol.Tests;

/// <summary>A tenant's allowed grant types, response types, auth methods, redirect hosts, scopes and lifetimes: refused or narrowed (RFC 7591 §3.1).</summary>
public sealed class RegistrationPolicyTests
{
    private const string Cc = "\"grant_types\": [\"client_credentials\"]";

    private static readonly RegistrationPolicy Restricted = TestData.Policy with
    {
        AllowedGrantTypes = [GrantTypes.ClientCredentials, GrantTypes.AuthorizationCode],
        AllowedResponseTypes = [ResponseTypes.Code],
        AllowedAuthMethods = [AuthMethods.ClientSecretPost],
        RedirectUriHosts = ["app.example.com", "*.example.org"],
        MinTokenLifetimeSeconds = 300,
        MaxTokenLifetimeSeconds = 600,
        DefaultTokenLifetimeSeconds = 300,
    };

    private static readonly RegistrationPolicy Narrowing = Restricted with { OnDisallowed = DisallowedHandling.Narrow };

    /// <summary>Policies by name: the unrestricted test policy, one restriction each, all of them (rejecting and narrowing).</summary>
    private static readonly Dictionary<string, RegistrationPolicy> Policies = new()
    {
        ["open"] = TestData.Policy,
        ["grants"] = TestData.Policy with { AllowedGrantTypes = [GrantTypes.ClientCredentials, GrantTypes.AuthorizationCode] },
        ["responses"] = TestData.Policy with { AllowedResponseTypes = [ResponseTypes.Code] },
        ["methods"] = TestData.Policy with { AllowedAuthMethods = [AuthMethods.ClientSecretPost] },
        ["hosts"] = TestData.Policy with { RedirectUriHosts = ["app.example.com", "*.example.org"] },
        ["restricted"] = Restricted,
        ["narrowing"] = Narrowing,
    };

    /// <summary>(policy, body, error code, error id, the member and index the description names)</summary>
    public static TheoryData<string, string, string, string, string> Refused => new()
    {
        { "grants", """{"grant_types": ["client_credentials", "implicit"], "response_types": ["token"], "redirect_uris": ["https://a.example/cb"]}""", OAuthErrorCodes.InvalidClientMetadata, ErrorIds.PolicyGrantTypeNotAllowed, "grant_types value 'implicit'" },
        { "grants", """{"grant_types": ["client_credentials", "refresh_token"]}""", OAuthErrorCodes.InvalidClientMetadata, ErrorIds.PolicyGrantTypeNotAllowed, "grant_types value 'refresh_token'" },
        { "responses", """{"grant_types": ["implicit"], "response_types": ["token"], "redirect_uris": ["https://a.example/cb"]}""", OAuthErrorCodes.InvalidClientMetadata, ErrorIds.PolicyResponseTypeNotAllowed, "response_types value 'token'" },
        { "methods", $$"""{{{Cc}}, "token_endpoint_auth_method": "client_secret_basic"}""", OAuthErrorCodes.InvalidClientMetadata, ErrorIds.PolicyAuthMethodNotAllowed, "token_endpoint_auth_method value 'client_secret_basic'" },
        { "hosts", $$"""{{{Cc}}, "redirect_uris": ["https://app.example.com/cb", "https://evil.example/cb", "https://worse.example/cb"]}""", OAuthErrorCodes.InvalidRedirectUri, ErrorIds.PolicyRedirectHostNotAllowed, "redirect_uris[1] 'https://evil.example/cb'" },
        { "hosts", $$"""{{{Cc}}, "redirect_uris": ["https://example.org/cb"]}""", OAuthErrorCodes.InvalidRedirectUri, ErrorIds.PolicyRedirectHostNotAllowed, "redirect_uris[0]" },
        { "hosts", $$"""{{{Cc}}, "redirect_uris": ["https://app.example.com.evil.example/cb"]}""", OAuthErrorCodes.InvalidRedirectUri, ErrorIds.PolicyRedirectHostNotAllowed, "redirect_uris[0]" },
        { "hosts", $$"""{{{Cc}}, "redirect_uris": ["https://x.app.example.com/cb"]}""", OAuthErrorCodes.InvalidRedirectUri, ErrorIds.PolicyRedirectHostNotAllowed, "redirect_uris[0]" },
        { "hosts", $$"""{{{Cc}}, "redirect_uris": ["https://evilexample.org/cb"]}""", OAuthErrorCodes.InvalidRedirectUri, ErrorIds.PolicyRedirectHostNotAllowed, "redirect_uris[0]" },
        { "hosts", $$"""{{{Cc}}, "redirect_uris": ["http://127.0.0.1:8080/cb"]}""", OAuthErrorCodes.InvalidRedirectUri, ErrorIds.PolicyRedirectHostNotAllowed, "redirect_uris[0]" },
        { "hosts", $$"""{{{Cc}}, "application_type": "native", "redirect_uris": ["com.example.app:/cb"]}""", OAuthErrorCodes.InvalidRedirectUri, ErrorIds.PolicyRedirectHostNotAllowed, "redirect_uris[0]" },
        { "hosts", $$"""{{{Cc}}, "post_logout_redirect_uris": ["https://a.example.org/bye", "https://evil.example/bye"]}""", OAuthErrorCodes.InvalidRedirectUri, ErrorIds.PolicyRedirectHostNotAllowed, "post_logout_redirect_uris[1]" },
        { "open", $$"""{{{Cc}}, "scope": "openid admin"}""", OAuthErrorCodes.InvalidClientMetadata, ErrorIds.ScopeNotAllowed, "scope 'admin'" },
        { "restricted", $$"""{{{Cc}}, "token_expiration_time_seconds": 299}""", OAuthErrorCodes.InvalidClientMetadata, ErrorIds.TokenLifetimeOutOfBounds, "token_expiration_time_seconds" },
        { "restricted", $$"""{{{Cc}}, "token_expiration_time_seconds": 601}""", OAuthErrorCodes.InvalidClientMetadata, ErrorIds.TokenLifetimeOutOfBounds, "token_expiration_time_seconds" },
        // what the rules refuse as invalid is refused so before the policy is asked
        { "restricted", """{"grant_types": ["password"], "redirect_uris": ["https://evil.example/cb"]}""", OAuthErrorCodes.InvalidClientMetadata, ErrorIds.GrantTypeUnsupported, "grant_types" },
        { "narrowing", $$"""{{{Cc}}, "redirect_uris": ["https://evil.example/cb#x"]}""", OAuthErrorCodes.InvalidRedirectUri, ErrorIds.RedirectUriFragment, "redirect_uris[0]" },
        { "narrowing", $$"""{{{Cc}}, "scope": "register"}""", OAuthErrorCodes.InvalidClientMetadata, ErrorIds.ScopeReserved, "scope 'register'" },
        // narrowing that leaves nothing usable is refused as rejecting would refuse it
        { "narrowing", """{"grant_types": ["refresh_token"]}""", OAuthErrorCodes.InvalidClientMetadata, ErrorIds.PolicyGrantTypeNotAllowed, "grant_types value 'refresh_token'" },
        { "narrowing", """{"grant_types": ["implicit"], "response_types": ["token"], "redirect_uris": ["https://app.example.com/cb"]}""", OAuthErrorCodes.InvalidClientMetadata, ErrorIds.PolicyGrantTypeNotAllowed, "grant_types value 'implicit'" },
        { "narrowing", """{"grant_types": ["authorization_code"], "redirect_uris": ["https://evil.example/cb", "https://example.org/cb"]}""", OAuthErrorCodes.InvalidRedirectUri, ErrorIds.PolicyRedirectHostNotAllowed, "redirect_uris[0]" },
        { "narrowing", """{"redirect_uris": ["https://evil.example/cb"]}""", OAuthErrorCodes.InvalidRedirectUri, ErrorIds.PolicyRedirectHostNotAllowed, "redirect_uris[0]" },
        { "narrowing", """{"grant_types": ["client_credentials", "authorization_code"], "redirect_uris": ["https://evil.example/cb"]}""", OAuthErrorCodes.InvalidRedirectUri, ErrorIds.PolicyRedirectHostNotAllowed, "redirect_uris[0]" },
    };

    [Theory]
    [MemberData(nameof(Refused), DisableDiscoveryEnumeration = true)]
    public void Values_the_policy_does_not_allow_are_refused_naming_member_and_value(string policy, string json, string code, string id, string named)
    {
        var created = RegistrationRequestValidator.ValidateCreate(TestData.Read(json), Policies[policy]);
        var updated = RegistrationRequestValidator.ValidateUpdate(TestData.Read(json.Insert(1, "\"client_id\": \"cid\", ")), "cid", Policies[policy]);

        foreach (var outcome in new[] { created, updated })
        {
            Assert.False(outcome.IsSuccess);
            Assert.Equal((code, id), (outcome.Error.Code, outcome.Error.Id));
            Assert.Contains(named, outcome.Error.Description, StringComparison.Ordinal);
        }
    }

    /// <summary>One response type refused while narrowing takes its grant type with it: no grant type left.</summary>
    [Fact]
    public void Narrowing_that_drops_every_grant_through_its_response_type_is_refused_for_the_response_type()
    {
        var policy = TestData.Policy with { AllowedResponseTypes = [ResponseTypes.Code], OnDisallowed = DisallowedHandling.Narrow };

        var outcome = RegistrationRequestValidator.ValidateCreate(
            TestData.Read("""{"grant_types": ["implicit"], "response_types": ["token"], "redirect_uris": ["https://a.example/cb"]}"""), policy);

        Assert.Equal((OAuthErrorCodes.InvalidClientMetadata, ErrorIds.PolicyResponseTypeNotAllowed), (outcome.Error?.Code, outcome.Error?.Id));
    }

    /// <summary>A grant type the policy refuses takes its response type with it, though that one is allowed (RFC 7591 section 2.1).</summary>
    [Fact]
    public void Narrowing_a_grant_type_away_drops_its_response_type_too()
    {
        var policy = TestData.Policy with { AllowedGrantTypes = [GrantTypes.ClientCredentials], OnDisallowed = DisallowedHandling.Narrow };

        var metadata = RegistrationRequestValidator.ValidateCreate(
            TestData.Read("""{"grant_types": ["authorization_code", "client_credentials"], "response_types": ["code"], "redirect_uris": ["https://a.example/cb"]}"""), policy).Value!;

        Assert.Equal(["client_credentials"], metadata.GrantTypes);
        Assert.Empty(metadata.ResponseTypes);
    }

    [Fact]
    public void Narrowing_without_any_allowed_auth_method_is_refused()
    {
        var policy = TestData.Policy with { AllowedAuthMethods = [], OnDisallowed = DisallowedHandling.Narrow };

        var outcome = RegistrationRequestValidator.ValidateCreate(TestData.Read($$"""{{{Cc}}, "token_endpoint_auth_method": "client_secret_post"}"""), policy);

        Assert.Equal(ErrorIds.PolicyAuthMethodNotAllowed, outcome.Error?.Id);
    }

    /// <summary>With every member disallowed at once, the refusal names them in a fixed order; each step allows what the one before refused.</summary>
    [Fact]
    public void Refusals_name_the_members_in_a_fixed_order()
    {
        var policy = Restricted with { AllowedGrantTypes = [GrantTypes.ClientCredentials, GrantTypes.Implicit] };
        var body = new Dictionary<string, string>
        {
            ["grant_types"] = """["refresh_token", "implicit"]""",
            ["response_types"] = """["token"]""",
            ["redirect_uris"] = """["https://evil.example/cb"]""",
            ["post_logout_redirect_uris"] = """["https://evil.example/bye"]""",
            ["token_endpoint_auth_method"] = "\"client_secret_basic\"",
            ["scope"] = "\"admin\"",
            ["token_expiration_time_seconds"] = "10",
        };
        (string Refused, string Member, string Allowed, string? AlsoMember, string? AlsoAllowed)[] steps =
        [
            (ErrorIds.PolicyGrantTypeNotAllowed, "grant_types", """["implicit"]""", null, null),
            (ErrorIds.PolicyResponseTypeNotAllowed, "grant_types", """["client_credentials"]""", "response_types", "[]"),
            (ErrorIds.PolicyRedirectHostNotAllowed, "redirect_uris", """["https://app.example.com/cb"]""", null, null),
            (ErrorIds.PolicyRedirectHostNotAllowed, "post_logout_redirect_uris", """["https://a.example.org/bye"]""", null, null),
            (ErrorIds.PolicyAuthMethodNotAllowed, "token_endpoint_auth_method", "\"client_secret_post\"", null, null),
            (ErrorIds.ScopeNotAllowed, "scope", "\"email\"", null, null),
            (ErrorIds.TokenLifetimeOutOfBounds, "token_expiration_time_seconds", "300", null, null),
        ];

        foreach (var (refused, member, allowed, alsoMember, alsoAllowed) in steps)
        {
            var error = RegistrationRequestValidator.ValidateCreate(TestData.Read(Json(body)), policy).Error;
            Assert.Equal(refused, error?.Id);
            Assert.StartsWith(alsoMember ?? member, error?.Description, StringComparison.Ordinal);
            body[member] = allowed;
            if (alsoMember is not null)
            {
                body[alsoMember] = alsoAllowed!;
            }
        }

        Assert.True(RegistrationRequestValidator.ValidateCreate(TestData.Read(Json(body)), policy).IsSuccess);
    }

    /// <summary>(body, member, what is registered) with the narrowing policy.</summary>
    public static TheoryData<string, string, string> Narrowed => new()
    {
        { """{"grant_types": ["client_credentials", "refresh_token"]}""", "grant_types", "client_credentials" },
        { """{"grant_types": ["refresh_token", "client_credentials", "client_credentials"]}""", "grant_types", "client_credentials" },
        // a response type goes with its grant type (RFC 7591 section 2.1): what one loses, the other loses too
        { """{"grant_types": ["authorization_code", "implicit"], "response_types": ["code", "token"], "redirect_uris": ["https://app.example.com/cb"]}""", "grant_types", "authorization_code" },
        { """{"grant_types": ["authorization_code", "implicit"], "response_types": ["code", "token"], "redirect_uris": ["https://app.example.com/cb"]}""", "response_types", "code" },
        { """{"grant_types": ["implicit", "client_credentials"], "response_types": ["token"], "redirect_uris": ["https://app.example.com/cb"]}""", "grant_types", "client_credentials" },
        { """{"grant_types": ["implicit", "client_credentials"], "response_types": ["token"], "redirect_uris": ["https://app.example.com/cb"]}""", "response_types", "" },
        { $$"""{{{Cc}}, "token_endpoint_auth_method": "client_secret_basic"}""", "token_endpoint_auth_method", "client_secret_post" },
        { $$"""{{{Cc}}, "token_endpoint_auth_method": "client_secret_post"}""", "token_endpoint_auth_method", "client_secret_post" },
        {
            """{"grant_types": ["authorization_code"], "redirect_uris": ["https://app.example.com/cb", "https://evil.example/cb", "https://x.example.org/cb", "https://example.org/cb", "https://APP.Example.COM/cb2", "https://a.b.EXAMPLE.org/cb"]}""",
            "redirect_uris", "https://app.example.com/cb https://x.example.org/cb https://APP.Example.COM/cb2 https://a.b.EXAMPLE.org/cb"
        },
        { $$"""{{{Cc}}, "redirect_uris": ["https://evil.example/cb"]}""", "redirect_uris", "" },
        { $$"""{{{Cc}}, "post_logout_redirect_uris": ["https://evil.example/bye", "https://a.example.org/bye"]}""", "post_logout_redirect_uris", "https://a.example.org/bye" },
        { $$"""{{{Cc}}, "post_logout_redirect_uris": ["https://evil.example/bye"]}""", "post_logout_redirect_uris", "" },
        { $$"""{{{Cc}}, "scope": "openid admin email admin"}""", "scope", "openid email" },
        { $$"""{{{Cc}}, "scope": "admin"}""", "scope", "" },
        { $$"""{{{Cc}}, "token_expiration_time_seconds": 10}""", "token_expiration_time_seconds", "300" },
        { $$"""{{{Cc}}, "token_expiration_time_seconds": 299}""", "token_expiration_time_seconds", "300" },
        { $$"""{{{Cc}}, "token_expiration_time_seconds": 300}""", "token_expiration_time_seconds", "300" },
        { $$"""{{{Cc}}, "token_expiration_time_seconds": 450}""", "token_expiration_time_seconds", "450" },
        { $$"""{{{Cc}}, "token_expiration_time_seconds": 600}""", "token_expiration_time_seconds", "600" },
        { $$"""{{{Cc}}, "token_expiration_time_seconds": 601}""", "token_expiration_time_seconds", "600" },
        { $$"""{{{Cc}}, "token_expiration_time_seconds": 9999999999}""", "token_expiration_time_seconds", "600" },
    };

    [Theory]
    [MemberData(nameof(Narrowed), DisableDiscoveryEnumeration = true)]
    public void Narrowing_registers_what_the_policy_allows_of_the_request(string json, string member, string registered)
    {
        var created = RegistrationRequestValidator.ValidateCreate(TestData.Read(json), Narrowing);
        var updated = RegistrationRequestValidator.ValidateUpdate(TestData.Read(json.Insert(1, "\"client_id\": \"cid\", ")), "cid", Narrowing);

        Assert.True(created.IsSuccess, created.Error?.Description);
        Assert.True(updated.IsSuccess, updated.Error?.Description);
        Assert.Equal(registered, Member(created.Value, member));
        Assert.Equal(registered, Member(updated.Value, member));
    }

    /// <summary>Every allowed request registers the same whether the policy narrows or rejects.</summary>
    [Theory]
    [InlineData("""{"grant_types": ["authorization_code", "client_credentials"], "response_types": ["code"], "redirect_uris": ["https://app.example.com/cb", "https://a.example.org/cb"], "token_endpoint_auth_method": "client_secret_post", "scope": "openid email", "token_expiration_time_seconds": 400, "post_logout_redirect_uris": ["https://app.example.com/bye"]}""")]
    [InlineData("""{"redirect_uris": ["https://app.example.com/cb"]}""")]
    public void An_allowed_request_is_registered_unchanged_by_either_handling(string json)
    {
        var rejecting = RegistrationRequestValidator.ValidateCreate(TestData.Read(json), Restricted);
        var narrowing = RegistrationRequestValidator.ValidateCreate(TestData.Read(json), Narrowing);

        Assert.True(rejecting.IsSuccess, rejecting.Error?.Description);
        Assert.Equal(rejecting.Value, narrowing.Value, new MetadataComparer());
    }

    [Fact]
    public void Narrowing_leaves_the_members_the_policy_does_not_restrict_alone()
    {
        var policy = TestData.Policy with { OnDisallowed = DisallowedHandling.Narrow };
        const string Json = """
            {"grant_types": ["implicit", "refresh_token"], "response_types": ["token"], "redirect_uris": ["https://anywhere.example/cb"],
             "token_endpoint_auth_method": "client_secret_basic", "post_logout_redirect_uris": ["https://anywhere.example/bye"], "scope": "api.read"}
            """;

        var metadata = RegistrationRequestValidator.ValidateCreate(TestData.Read(Json), policy).Value!;

        Assert.Equal(["implicit", "refresh_token"], metadata.GrantTypes);
        Assert.Equal(["token"], metadata.ResponseTypes);
        Assert.Equal(["https://anywhere.example/cb"], metadata.RedirectUris);
        Assert.Equal(["https://anywhere.example/bye"], metadata.PostLogoutRedirectUris);
        Assert.Equal(("client_secret_basic", "api.read"), (metadata.TokenEndpointAuthMethod, metadata.Scope));
    }

    /// <summary>A redirect URI is needed only for a redirect-based grant: the grants sent, or else the tenant's defaults.</summary>
    [Fact]
    public void Narrowing_redirect_uris_away_is_refused_only_when_a_registered_grant_needs_one()
    {
        var sentCc = RegistrationRequestValidator.ValidateCreate(TestData.Read($$"""{{{Cc}}, "redirect_uris": ["https://evil.example/cb"]}"""), Narrowing);
        var machineDefault = RegistrationRequestValidator.ValidateCreate(
            TestData.Read("""{"redirect_uris": ["https://evil.example/cb"]}"""), Narrowing with { DefaultGrantTypes = [GrantTypes.ClientCredentials] });

        Assert.True(sentCc.IsSuccess, sentCc.Error?.Description);
        Assert.Empty(sentCc.Value.RedirectUris);
        Assert.True(machineDefault.IsSuccess, machineDefault.Error?.Description);
        Assert.Equal(["client_credentials"], machineDefault.Value.GrantTypes);
        Assert.Empty(machineDefault.Value.RedirectUris);
    }

    [Fact]
    public void An_internationalized_host_is_compared_in_its_punycode_form()
    {
        var policy = TestData.Policy with { RedirectUriHosts = ["xn--bcher-kva.example"] };

        var outcome = RegistrationRequestValidator.ValidateCreate(TestData.Read($$"""{{{Cc}}, "redirect_uris": ["https://xn--bcher-kva.example/cb"]}"""), policy);
        var other = RegistrationRequestValidator.ValidateCreate(TestData.Read($$"""{{{Cc}}, "redirect_uris": ["https://bcher-kva.example/cb"]}"""), policy);

        Assert.True(outcome.IsSuccess, outcome.Error?.Description);
        Assert.Equal(ErrorIds.PolicyRedirectHostNotAllowed, other.Error?.Id);
    }

    /// <summary>(pattern, host, matches)</summary>
    [Theory]
    [InlineData("app.example.com", "app.example.com", true)]
    [InlineData("app.example.com", "APP.Example.COM", true)]
    [InlineData("APP.EXAMPLE.COM", "app.example.com", true)]
    [InlineData("app.example.com", "x.app.example.com", false)]
    [InlineData("app.example.com", "pp.example.com", false)]
    [InlineData("app.example.com", "app.example.com.evil", false)]
    [InlineData("app.example.com", "", false)]
    [InlineData("*.example.com", "a.example.com", true)]
    [InlineData("*.example.com", "a.b.example.com", true)]
    [InlineData("*.example.com", "A.EXAMPLE.COM", true)]
    [InlineData("*.Example.Com", "a.example.com", true)]
    [InlineData("*.example.com", "example.com", false)]
    [InlineData("*.example.com", ".example.com", false)]
    [InlineData("*.example.com", "aexample.com", false)]
    [InlineData("*.example.com", "a.example.com.evil", false)]
    [InlineData("*.example.com", "", false)]
    public void Host_entries_match_exactly_or_below_a_suffix_but_never_the_apex(string pattern, string host, bool matches)
    {
        var policy = new RegistrationPolicy { RedirectUriHosts = ["other.example", pattern] };

        Assert.Equal(matches, policy.AllowsRedirectHost(host));
    }

    [Fact]
    public void No_host_list_allows_any_host_and_an_empty_one_none()
    {
        Assert.True(new RegistrationPolicy().AllowsRedirectHost("anything.example"));
        Assert.True(new RegistrationPolicy().AllowsRedirectHost(""));
        Assert.False(new RegistrationPolicy { RedirectUriHosts = [] }.AllowsRedirectHost("anything.example"));
    }

    [Fact]
    public void The_default_policy_restricts_nothing_and_rejects()
    {
        var policy = new RegistrationPolicy();

        Assert.Equal((RegistrationMode.AdminToken, DisallowedHandling.Reject), (policy.Mode, policy.OnDisallowed));
        Assert.Null(policy.AllowedGrantTypes);
        Assert.Null(policy.AllowedResponseTypes);
        Assert.Null(policy.AllowedAuthMethods);
        Assert.Null(policy.RedirectUriHosts);
        Assert.All(GrantTypes.Registrable, g => Assert.True(policy.AllowsGrantType(g)));
        Assert.All(ResponseTypes.Registrable, r => Assert.True(policy.AllowsResponseType(r)));
        Assert.All(AuthMethods.Confidential, m => Assert.True(policy.AllowsAuthMethod(m)));

        // Public clients only where a tenant lists them.
        Assert.False(policy.AllowsAuthMethod(AuthMethods.None));
        Assert.True((policy with { AllowedAuthMethods = [AuthMethods.None] }).AllowsAuthMethod(AuthMethods.None));
        Assert.Empty(policy.AllowedResources);
        Assert.Equal(86_400, policy.RemoveUnusedOpenClientsAfterSeconds);
        Assert.Equal(["authorization_code"], policy.EffectiveDefaultGrantTypes);
        Assert.Equal(["code"], policy.EffectiveDefaultResponseTypes);
        Assert.Equal("client_secret_basic", policy.EffectiveDefaultAuthMethod);
    }

    [Fact]
    public void Allowed_lists_allow_exactly_their_values()
    {
        var policy = Restricted;

        Assert.Equal((true, true, false, false), (policy.AllowsGrantType("client_credentials"), policy.AllowsGrantType("authorization_code"), policy.AllowsGrantType("implicit"), policy.AllowsGrantType("CLIENT_CREDENTIALS")));
        Assert.Equal((true, false), (policy.AllowsResponseType("code"), policy.AllowsResponseType("token")));
        Assert.Equal((true, false), (policy.AllowsAuthMethod("client_secret_post"), policy.AllowsAuthMethod("client_secret_basic")));
    }

    /// <summary>(default grant types, allowed grant types, the grant types a client that omits them gets)</summary>
    [Theory]
    [InlineData("authorization_code", null, "authorization_code")]
    [InlineData("authorization_code", "client_credentials", "client_credentials")]
    [InlineData("authorization_code refresh_token", "client_credentials authorization_code", "authorization_code")]
    [InlineData("refresh_token authorization_code", "authorization_code refresh_token", "refresh_token authorization_code")]
    [InlineData("implicit", "refresh_token client_credentials", "refresh_token")]
    [InlineData("authorization_code", "", "")]
    public void Default_grant_types_are_narrowed_to_the_allowed_ones_or_else_the_first_allowed(string defaults, string? allowed, string expected)
    {
        var policy = new RegistrationPolicy { DefaultGrantTypes = Split(defaults)!, AllowedGrantTypes = Split(allowed) };

        Assert.Equal(Split(expected), policy.EffectiveDefaultGrantTypes);
    }

    [Theory]
    [InlineData(null, "code")]
    [InlineData("code token", "code")]
    [InlineData("token", "token")]
    [InlineData("token code", "code")]
    [InlineData("", "")]
    public void Default_response_types_are_code_when_allowed_or_else_the_first_allowed(string? allowed, string expected)
    {
        Assert.Equal(Split(expected), new RegistrationPolicy { AllowedResponseTypes = Split(allowed) }.EffectiveDefaultResponseTypes);
    }

    [Theory]
    [InlineData(null, "client_secret_basic")]
    [InlineData("client_secret_basic client_secret_post", "client_secret_basic")]
    [InlineData("client_secret_post client_secret_basic", "client_secret_basic")]
    [InlineData("client_secret_post", "client_secret_post")]
    [InlineData("", "client_secret_basic")]
    public void The_default_auth_method_is_client_secret_basic_when_allowed_or_else_the_first_allowed(string? allowed, string expected)
    {
        Assert.Equal(expected, new RegistrationPolicy { AllowedAuthMethods = Split(allowed) }.EffectiveDefaultAuthMethod);
    }

    [Fact]
    public void Omitted_members_take_the_defaults_within_the_policy_whatever_the_handling()
    {
        var policy = TestData.Policy with
        {
            AllowedGrantTypes = [GrantTypes.ClientCredentials],
            AllowedResponseTypes = [ResponseTypes.Token],
            AllowedAuthMethods = [AuthMethods.ClientSecretPost],
        };

        // No redirect URI needed: the default grant type is narrowed to client_credentials.
        var metadata = RegistrationRequestValidator.ValidateCreate(TestData.Read("{}"), policy).Value!;

        Assert.Equal(["client_credentials"], metadata.GrantTypes);
        Assert.Equal(["token"], metadata.ResponseTypes);
        Assert.Equal("client_secret_post", metadata.TokenEndpointAuthMethod);
    }

    /// <summary>A read echoes the tenant's default response types; sent back in an update they mean what omitting them means.</summary>
    [Fact]
    public void An_update_echoing_the_tenants_default_response_types_is_accepted()
    {
        var policy = TestData.Policy with { AllowedResponseTypes = [ResponseTypes.Token] };
        const string Echoed = """{"client_id": "cid", "grant_types": ["client_credentials"], "response_types": ["token"]}""";

        var update = RegistrationRequestValidator.ValidateUpdate(TestData.Read(Echoed), "cid", policy);

        Assert.True(update.IsSuccess, update.Error?.Description);
        Assert.Equal(["token"], update.Value.ResponseTypes);
        Assert.Equal(ErrorIds.GrantResponseMismatch, RegistrationRequestValidator.ValidateUpdate(
            TestData.Read("""{"client_id": "cid", "grant_types": ["client_credentials"], "response_types": ["code"]}"""), "cid", policy).Error?.Id);
    }

    [Fact]
    public void Narrowing_to_no_scopes_leaves_the_policy_unchanged()
    {
        Assert.Same(Restricted, Restricted.NarrowedTo(null));
    }

    /// <summary>(the token's scopes, allowed scopes, default scope) with the tenant allowing openid profile email api.read and defaulting to "openid email".</summary>
    [Theory]
    [InlineData("email other openid", "openid email", "openid email")]
    [InlineData("email", "email", "email")]
    [InlineData("api.read profile", "profile api.read", "")]
    [InlineData("other", "", "")]
    [InlineData("", "", "")]
    public void Narrowing_to_scopes_keeps_their_intersection_in_the_tenants_order(string scopes, string allowed, string defaultScope)
    {
        var tenant = Restricted with { DefaultScope = "openid email", Mode = RegistrationMode.InitialAccessToken };

        var narrowed = tenant.NarrowedTo(Split(scopes));

        Assert.Equal(Split(allowed), narrowed.AllowedScopes);
        Assert.Equal(defaultScope, narrowed.DefaultScope);
        Assert.Equal(tenant, narrowed with { AllowedScopes = tenant.AllowedScopes, DefaultScope = tenant.DefaultScope });
        Assert.Equal(["openid", "profile", "email", "api.read"], tenant.AllowedScopes);
    }

    [Fact]
    public void A_narrowed_policy_refuses_or_defaults_scopes_by_its_narrowed_lists()
    {
        var narrowed = TestData.Policy.NarrowedTo(["email"]);

        Assert.Equal(ErrorIds.ScopeNotAllowed, RegistrationRequestValidator.ValidateCreate(TestData.Read($$"""{{{Cc}}, "scope": "openid"}"""), narrowed).Error?.Id);
        Assert.Equal("", RegistrationRequestValidator.ValidateCreate(TestData.Read("{" + Cc + "}"), narrowed).Value?.Scope);
        Assert.Equal("email", RegistrationRequestValidator.ValidateCreate(TestData.Read($$"""{{{Cc}}, "scope": "email"}"""), narrowed).Value?.Scope);
    }

    private static string Json(Dictionary<string, string> members) => "{" + string.Join(", ", members.Select(m => $"\"{m.Key}\": {m.Value}")) + "}";

    private static string[]? Split(string? values) => values?.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    private static string Member(ClientMetadata metadata, string member) => member switch
    {
        "grant_types" => string.Join(' ', metadata.GrantTypes),
        "response_types" => string.Join(' ', metadata.ResponseTypes),
        "redirect_uris" => string.Join(' ', metadata.RedirectUris),
        "post_logout_redirect_uris" => string.Join(' ', metadata.PostLogoutRedirectUris),
        "token_endpoint_auth_method" => metadata.TokenEndpointAuthMethod,
        "scope" => metadata.Scope,
        "token_expiration_time_seconds" => metadata.TokenExpirationTimeSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        _ => throw new ArgumentOutOfRangeException(nameof(member), member, null),
    };

    /// <summary>Compares the list-valued members by content (records compare lists by reference).</summary>
    private sealed class MetadataComparer : IEqualityComparer<ClientMetadata?>
    {
        public bool Equals(ClientMetadata? x, ClientMetadata? y) =>
            x is not null && y is not null
            && x.GrantTypes.SequenceEqual(y.GrantTypes) && x.ResponseTypes.SequenceEqual(y.ResponseTypes)
            && x.RedirectUris.SequenceEqual(y.RedirectUris) && x.PostLogoutRedirectUris.SequenceEqual(y.PostLogoutRedirectUris)
            && (x.TokenEndpointAuthMethod, x.Scope, x.TokenExpirationTimeSeconds) == (y.TokenEndpointAuthMethod, y.Scope, y.TokenExpirationTimeSeconds);

        public int GetHashCode(ClientMetadata obj) => 0;
    }
}
