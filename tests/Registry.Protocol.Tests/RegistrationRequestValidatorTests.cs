using Registry.Protocol.Errors;
using Registry.Protocol.Metadata;
using Registry.Protocol.Security;

namespace Registry.Protocol.Tests;

public sealed class RegistrationRequestValidatorTests
{
    private const string Cc = "\"grant_types\": [\"client_credentials\"]";

    /// <summary>(body, error code, error id, the member the description must name)</summary>
    public static TheoryData<string, string, string, string> Invalid => new()
    {
        // redirect URIs: absolute, no fragment, https for web clients except loopback, RFC 8252 for native
        { $$"""{{{Cc}}, "redirect_uris": ["/relative"]}""", OAuthErrorCodes.InvalidRedirectUri, ErrorIds.RedirectUriNotAbsolute, "redirect_uris[0]" },
        { $$"""{{{Cc}}, "redirect_uris": ["tmp.com"]}""", OAuthErrorCodes.InvalidRedirectUri, ErrorIds.RedirectUriNotAbsolute, "redirect_uris[0]" },
        { $$"""{{{Cc}}, "redirect_uris": ["https://a.example/cb#frag"]}""", OAuthErrorCodes.InvalidRedirectUri, ErrorIds.RedirectUriFragment, "redirect_uris[0]" },
        { $$"""{{{Cc}}, "redirect_uris": ["https://ok.example", "http://a.example/cb"]}""", OAuthErrorCodes.InvalidRedirectUri, ErrorIds.RedirectUriNotHttps, "redirect_uris[1]" },
        { $$"""{{{Cc}}, "redirect_uris": ["javascript:alert(1)"]}""", OAuthErrorCodes.InvalidRedirectUri, ErrorIds.RedirectUriForbiddenScheme, "redirect_uris[0]" },
        { $$"""{{{Cc}}, "redirect_uris": ["data:text/html,hi"]}""", OAuthErrorCodes.InvalidRedirectUri, ErrorIds.RedirectUriForbiddenScheme, "redirect_uris[0]" },
        { $$"""{{{Cc}}, "redirect_uris": ["com.example.app:/cb"]}""", OAuthErrorCodes.InvalidRedirectUri, ErrorIds.RedirectUriPrivateSchemeNotNative, "redirect_uris[0]" },
        { $$"""{{{Cc}}, "application_type": "native", "redirect_uris": ["myapp:/cb"]}""", OAuthErrorCodes.InvalidRedirectUri, ErrorIds.RedirectUriPrivateSchemeFormat, "redirect_uris[0]" },
        { $$"""{{{Cc}}, "application_type": "native", "redirect_uris": ["http://a.example/cb"]}""", OAuthErrorCodes.InvalidRedirectUri, ErrorIds.RedirectUriNotHttps, "redirect_uris[0]" },
        { """{"grant_types": ["authorization_code"]}""", OAuthErrorCodes.InvalidRedirectUri, ErrorIds.RedirectUriRequired, "redirect_uris" },
        { "{}", OAuthErrorCodes.InvalidRedirectUri, ErrorIds.RedirectUriRequired, "redirect_uris" },
        { $$"""{{{Cc}}, "post_logout_redirect_uris": ["http://a.example/bye"]}""", OAuthErrorCodes.InvalidRedirectUri, ErrorIds.RedirectUriNotHttps, "post_logout_redirect_uris[0]" },
        // userinfo names a host that is not the one the URI goes to (RFC 3986 section 7.6)
        { $$"""{{{Cc}}, "redirect_uris": ["https://trusted.example@evil.example/cb"]}""", OAuthErrorCodes.InvalidRedirectUri, ErrorIds.RedirectUriUserinfo, "redirect_uris[0]" },
        { $$"""{{{Cc}}, "redirect_uris": ["https://ok.example/cb", "https://user:pw@host.example/cb"]}""", OAuthErrorCodes.InvalidRedirectUri, ErrorIds.RedirectUriUserinfo, "redirect_uris[1]" },
        { $$"""{{{Cc}}, "redirect_uris": ["https://@host.example/cb"]}""", OAuthErrorCodes.InvalidRedirectUri, ErrorIds.RedirectUriUserinfo, "redirect_uris[0]" },
        { $$"""{{{Cc}}, "redirect_uris": ["http://127.0.0.1@evil.example/cb"]}""", OAuthErrorCodes.InvalidRedirectUri, ErrorIds.RedirectUriUserinfo, "redirect_uris[0]" },
        { $$"""{{{Cc}}, "application_type": "native", "redirect_uris": ["com.example.app://user@host/cb"]}""", OAuthErrorCodes.InvalidRedirectUri, ErrorIds.RedirectUriUserinfo, "redirect_uris[0]" },
        { $$"""{{{Cc}}, "post_logout_redirect_uris": ["https://trusted.example:x@evil.example/bye"]}""", OAuthErrorCodes.InvalidRedirectUri, ErrorIds.RedirectUriUserinfo, "post_logout_redirect_uris[0]" },
        // inline keys: public asymmetric keys only (more in JwksKeysTests)
        { $$$"""{{{{Cc}}}, "jwks": {"keys": [{"kty": "oct", "k": "c2VjcmV0"}]}}""", OAuthErrorCodes.InvalidClientMetadata, ErrorIds.JwksSymmetricKey, "jwks.keys[0]" },
        { $$"""{{{Cc}}, "jwks": {{TestKeys.Set(TestKeys.RsaJwk("\"d\": \"AQAB\""))}}}""", OAuthErrorCodes.InvalidClientMetadata, ErrorIds.JwksPrivateKey, "jwks.keys[0]" },
        // readable text (more in DisplayTextTests) and URLs (more in LocalUrlTests)
        { $$"""{{{Cc}}, "client_name": "Registry \u202Elive"}""", OAuthErrorCodes.InvalidClientMetadata, ErrorIds.TextFormatCharacter, "client_name" },
        { $$"""{{{Cc}}, "logo_uri": "http://a.example/l.png"}""", OAuthErrorCodes.InvalidClientMetadata, ErrorIds.WebUrlNotHttps, "logo_uri" },
        { $$"""{{{Cc}}, "logo_uri": "https://169.254.169.254/latest"}""", OAuthErrorCodes.InvalidClientMetadata, ErrorIds.UrlLocalHost, "logo_uri" },
        // grant and response types
        { """{"grant_types": ["password"]}""", OAuthErrorCodes.InvalidClientMetadata, ErrorIds.GrantTypeUnsupported, "grant_types" },
        { """{"grant_types": []}""", OAuthErrorCodes.InvalidClientMetadata, ErrorIds.GrantTypesEmpty, "grant_types" },
        { $$"""{{{Cc}}, "response_types": ["code id_token"]}""", OAuthErrorCodes.InvalidClientMetadata, ErrorIds.ResponseTypeUnsupported, "response_types" },
        { $$"""{{{Cc}}, "response_types": ["code"]}""", OAuthErrorCodes.InvalidClientMetadata, ErrorIds.GrantResponseMismatch, "response_types 'code'" },
        { $$"""{{{Cc}}, "response_types": ["token"]}""", OAuthErrorCodes.InvalidClientMetadata, ErrorIds.GrantResponseMismatch, "response_types 'token'" },
        { """{"grant_types": ["authorization_code"], "response_types": ["token"], "redirect_uris": ["https://a.example"]}""", OAuthErrorCodes.InvalidClientMetadata, ErrorIds.GrantResponseMismatch, "grant_types 'authorization_code'" },
        { """{"grant_types": ["authorization_code", "implicit"], "response_types": ["code"], "redirect_uris": ["https://a.example"]}""", OAuthErrorCodes.InvalidClientMetadata, ErrorIds.GrantResponseMismatch, "grant_types 'implicit'" },
        // Omitted grant types are the tenant's default (authorization_code here): response types sent must agree with it.
        { """{"response_types": [], "redirect_uris": ["https://a.example"]}""", OAuthErrorCodes.InvalidClientMetadata, ErrorIds.GrantResponseMismatch, "grant_types 'authorization_code'" },
        // authentication method
        { $$"""{{{Cc}}, "token_endpoint_auth_method": "private_key_jwt"}""", OAuthErrorCodes.InvalidClientMetadata, ErrorIds.AuthMethodUnsupported, "token_endpoint_auth_method" },
        { $$"""{{{Cc}}, "token_endpoint_auth_method": "none"}""", OAuthErrorCodes.InvalidClientMetadata, ErrorIds.AuthMethodUnsupported, "token_endpoint_auth_method" },
        // jwks xor jwks_uri
        { $$"""{{{Cc}}, "jwks": {"keys": []}, "jwks_uri": "https://a.example/jwks"}""", OAuthErrorCodes.InvalidClientMetadata, ErrorIds.JwksWithJwksUri, "jwks_uri" },
        { $$"""{{{Cc}}, "jwks_uri": "http://a.example/jwks"}""", OAuthErrorCodes.InvalidClientMetadata, ErrorIds.JwksUriNotHttps, "jwks_uri" },
        // scopes
        { $$"""{{{Cc}}, "scope": "openid admin"}""", OAuthErrorCodes.InvalidClientMetadata, ErrorIds.ScopeNotAllowed, "scope 'admin'" },
        { $$"""{{{Cc}}, "scope": "register"}""", OAuthErrorCodes.InvalidClientMetadata, ErrorIds.ScopeReserved, "scope 'register'" },
        { $$"""{{{Cc}}, "scope": "open\"id"}""", OAuthErrorCodes.InvalidClientMetadata, ErrorIds.ScopeSyntax, "scope" },
        // URI-valued fields
        { $$"""{{{Cc}}, "client_uri": "not a uri"}""", OAuthErrorCodes.InvalidClientMetadata, ErrorIds.WebUrlInvalid, "client_uri" },
        { $$"""{{{Cc}}, "logo_uri": "ftp://a.example/logo.png"}""", OAuthErrorCodes.InvalidClientMetadata, ErrorIds.WebUrlInvalid, "logo_uri" },
        { $$"""{{{Cc}}, "tos_uri": "javascript:x"}""", OAuthErrorCodes.InvalidClientMetadata, ErrorIds.WebUrlInvalid, "tos_uri" },
        { $$"""{{{Cc}}, "policy_uri": "//a.example"}""", OAuthErrorCodes.InvalidClientMetadata, ErrorIds.WebUrlInvalid, "policy_uri" },
        { $$"""{{{Cc}}, "policy_uri#fr": "nope"}""", OAuthErrorCodes.InvalidClientMetadata, ErrorIds.WebUrlInvalid, "policy_uri#fr" },
        // profile and algorithms
        { $$"""{{{Cc}}, "application_type": "desktop"}""", OAuthErrorCodes.InvalidClientMetadata, ErrorIds.ApplicationTypeUnsupported, "application_type" },
        { $$"""{{{Cc}}, "subject_type": "secret"}""", OAuthErrorCodes.InvalidClientMetadata, ErrorIds.SubjectTypeUnsupported, "subject_type" },
        { $$"""{{{Cc}}, "preferred_token_profile": "mac"}""", OAuthErrorCodes.InvalidClientMetadata, ErrorIds.TokenProfileUnsupported, "preferred_token_profile" },
        { $$"""{{{Cc}}, "token_signed_response_alg": "none"}""", OAuthErrorCodes.InvalidClientMetadata, ErrorIds.SigningAlgUnsupported, "token_signed_response_alg" },
        { $$"""{{{Cc}}, "id_token_signed_response_alg": "HS256"}""", OAuthErrorCodes.InvalidClientMetadata, ErrorIds.SigningAlgUnsupported, "id_token_signed_response_alg" },
        { $$"""{{{Cc}}, "token_encrypted_response_alg": "RSA1_5"}""", OAuthErrorCodes.InvalidClientMetadata, ErrorIds.EncryptionAlgDeprecated, "token_encrypted_response_alg" },
        { $$"""{{{Cc}}, "token_encrypted_response_enc": "A128GCM"}""", OAuthErrorCodes.InvalidClientMetadata, ErrorIds.EncryptionEncWithoutAlg, "token_encrypted_response_enc" },
        { $$"""{{{Cc}}, "token_encrypted_response_alg": "RSA-OAEP", "token_encrypted_response_enc": "A1"}""", OAuthErrorCodes.InvalidClientMetadata, ErrorIds.EncryptionEncUnsupported, "token_encrypted_response_enc" },
        // lifetimes and unsupported features
        { $$"""{{{Cc}}, "token_expiration_time_seconds": 10}""", OAuthErrorCodes.InvalidClientMetadata, ErrorIds.TokenLifetimeOutOfBounds, "token_expiration_time_seconds" },
        { $$"""{{{Cc}}, "token_expiration_time_seconds": 9999999999}""", OAuthErrorCodes.InvalidClientMetadata, ErrorIds.TokenLifetimeOutOfBounds, "token_expiration_time_seconds" },
        { $$"""{{{Cc}}, "refresh_token_expiration_time_seconds": -1}""", OAuthErrorCodes.InvalidClientMetadata, ErrorIds.RefreshTokenLifetimeOutOfBounds, "refresh_token_expiration_time_seconds" },
        { $$"""{{{Cc}}, "tls_client_certificate_bound_access_token": true}""", OAuthErrorCodes.InvalidClientMetadata, ErrorIds.CertificateBoundTokensUnsupported, "tls_client_certificate_bound_access_token" },
        // software statements (RFC 7591 §3.2.2)
        { $$"""{{{Cc}}, "software_statement": "not-a-jwt"}""", OAuthErrorCodes.InvalidSoftwareStatement, ErrorIds.SoftwareStatementMalformed, "software_statement" },
        { $$"""{{{Cc}}, "software_statement": "eyJhbGciOiJSUzI1NiJ9.eyJzb2Z0d2FyZV9pZCI6IngifQ.c2ln"}""", OAuthErrorCodes.UnapprovedSoftwareStatement, ErrorIds.SoftwareStatementUnapproved, "software statements" },
        { $$"""{{{Cc}}, "software_statement": "a.b"}""", OAuthErrorCodes.InvalidSoftwareStatement, ErrorIds.SoftwareStatementMalformed, "software_statement" },
        { $$"""{{{Cc}}, "software_statement": ".b.c"}""", OAuthErrorCodes.InvalidSoftwareStatement, ErrorIds.SoftwareStatementMalformed, "software_statement" },
        { $$"""{{{Cc}}, "software_statement": "a..c"}""", OAuthErrorCodes.InvalidSoftwareStatement, ErrorIds.SoftwareStatementMalformed, "software_statement" },
        { $$"""{{{Cc}}, "software_statement": "a.b."}""", OAuthErrorCodes.InvalidSoftwareStatement, ErrorIds.SoftwareStatementMalformed, "software_statement" },
        { $$"""{{{Cc}}, "software_statement": "a!.b.c"}""", OAuthErrorCodes.InvalidSoftwareStatement, ErrorIds.SoftwareStatementMalformed, "software_statement" },
        { $$"""{{{Cc}}, "software_statement": "a.b.c.d"}""", OAuthErrorCodes.InvalidSoftwareStatement, ErrorIds.SoftwareStatementMalformed, "software_statement" },
        // every scheme that would run code or read local files in a user agent
        { $$"""{{{Cc}}, "redirect_uris": ["vbscript:msgbox"]}""", OAuthErrorCodes.InvalidRedirectUri, ErrorIds.RedirectUriForbiddenScheme, "redirect_uris[0]" },
        { $$"""{{{Cc}}, "redirect_uris": ["file:///etc/passwd"]}""", OAuthErrorCodes.InvalidRedirectUri, ErrorIds.RedirectUriForbiddenScheme, "redirect_uris[0]" },
        { $$"""{{{Cc}}, "redirect_uris": ["blob:https://a.example/x"]}""", OAuthErrorCodes.InvalidRedirectUri, ErrorIds.RedirectUriForbiddenScheme, "redirect_uris[0]" },
        { $$"""{{{Cc}}, "redirect_uris": ["about:blank"]}""", OAuthErrorCodes.InvalidRedirectUri, ErrorIds.RedirectUriForbiddenScheme, "redirect_uris[0]" },
        { $$"""{{{Cc}}, "application_type": "native", "redirect_uris": ["JavaScript:alert(1)"]}""", OAuthErrorCodes.InvalidRedirectUri, ErrorIds.RedirectUriForbiddenScheme, "redirect_uris[0]" },
        // bounds
        { $$"""{{{Cc}}, "token_expiration_time_seconds": 86401}""", OAuthErrorCodes.InvalidClientMetadata, ErrorIds.TokenLifetimeOutOfBounds, "token_expiration_time_seconds" },
        { $$"""{{{Cc}}, "token_expiration_time_seconds": 59}""", OAuthErrorCodes.InvalidClientMetadata, ErrorIds.TokenLifetimeOutOfBounds, "token_expiration_time_seconds" },
        { $$"""{{{Cc}}, "refresh_token_expiration_time_seconds": 2592001}""", OAuthErrorCodes.InvalidClientMetadata, ErrorIds.RefreshTokenLifetimeOutOfBounds, "refresh_token_expiration_time_seconds" },
        { $$"""{{{Cc}}, "client_uri#fr": "not a uri"}""", OAuthErrorCodes.InvalidClientMetadata, ErrorIds.WebUrlInvalid, "client_uri#fr" },
        { $$"""{{{Cc}}, "token_encrypted_response_alg": "dir"}""", OAuthErrorCodes.InvalidClientMetadata, ErrorIds.EncryptionAlgUnsupported, "token_encrypted_response_alg" },
    };

    [Theory]
    [MemberData(nameof(Invalid), DisableDiscoveryEnumeration = true)]
    public void Invalid_metadata_is_refused_with_its_code_and_id_naming_the_member(string json, string code, string id, string member)
    {
        var outcome = RegistrationRequestValidator.ValidateCreate(TestData.Read(json), TestData.Policy);

        Assert.False(outcome.IsSuccess);
        Assert.Equal((code, id), (outcome.Error.Code, outcome.Error.Id));
        Assert.Contains(member, outcome.Error.Description, StringComparison.Ordinal);
        Assert.True(outcome.Error.Description.Length > member.Length + 10, $"'{outcome.Error.Description}' says no more than the member");
        Assert.DoesNotMatch(@"['\s]$", outcome.Error.Description);
    }

    public static TheoryData<string> Valid => new()
    {
        TestData.ExampleRegistration,
        "{" + Cc + "}",
        $$"""{{{Cc}}, "redirect_uris": ["http://127.0.0.1:8080/cb", "http://[::1]/cb", "http://localhost/cb"]}""",
        $$"""{{{Cc}}, "application_type": "native", "redirect_uris": ["com.example.app:/oauth2redirect", "http://127.0.0.1/cb", "https://app.example/cb"]}""",
        """{"grant_types": ["authorization_code", "refresh_token"], "response_types": ["code"], "redirect_uris": ["https://a.example/cb?x=1"]}""",
        """{"grant_types": ["implicit"], "response_types": ["token"], "redirect_uris": ["https://a.example/cb"]}""",
        """{"response_types": ["code"], "redirect_uris": ["https://a.example/cb"]}""",
        $$"""{{{Cc}}, "jwks_uri": "https://a.example/jwks"}""",
        $$"""{{{Cc}}, "jwks": {{TestKeys.Set(TestKeys.RsaJwk())}}}""",
        $$"""{{{Cc}}, "token_endpoint_auth_method": "client_secret_post", "scope": "api.read   email", "token_expiration_time_seconds": 60}""",
        $$"""{{{Cc}}, "token_encrypted_response_alg": "ECDH-ES", "token_encrypted_response_enc": "A256GCM", "id_token_signed_response_alg": "ES256"}""",
        $$"""{{{Cc}}, "client_name": "Billing ✓", "client_uri": "https://a.example", "logo_uri": "https://a.example/l.png", "contacts": ["ops@a.example"], "software_id": "b", "software_version": "1.2"}""",
        $$"""{{{Cc}}, "tls_client_certificate_bound_access_token": false, "subject_type": "pairwise", "preferred_token_profile": "Bearer"}""",
        $$"""{{{Cc}}, "subject_type": "public", "token_expiration_time_seconds": 86400, "refresh_token_expiration_time_seconds": 0}""",
        $$"""{{{Cc}}, "refresh_token_expiration_time_seconds": 2592000, "client_name#fr": "pas une URL"}""",
        $$"""{{{Cc}}, "application_type": "web", "token_endpoint_auth_method": "client_secret_basic"}""",
    };

    [Theory]
    [MemberData(nameof(Valid), DisableDiscoveryEnumeration = true)]
    public void Valid_metadata_is_accepted(string json)
    {
        var outcome = RegistrationRequestValidator.ValidateCreate(TestData.Read(json), TestData.Policy);

        Assert.True(outcome.IsSuccess, outcome.Error?.Description);
    }

    [Fact]
    public void The_example_registration_registers_unchanged_with_rfc7591_defaults()
    {
        var metadata = Validate(TestData.ExampleRegistration);

        Assert.Equal(["client_credentials"], metadata.GrantTypes);
        Assert.Equal(["https://tmp.com"], metadata.RedirectUris);
        Assert.Equal("openid profile", metadata.Scope);
        Assert.Equal(AuthMethods.ClientSecretBasic, metadata.TokenEndpointAuthMethod);
        Assert.Equal(["code"], metadata.ResponseTypes);
        Assert.Equal("""{"keys":[]}""", metadata.Jwks);
        Assert.Equal(1800, metadata.TokenExpirationTimeSeconds);
        Assert.Equal("web", metadata.ApplicationType);
        Assert.Equal("RSA-OAEP-256", metadata.TokenEncryptedResponseAlg);
    }

    [Fact]
    public void Omitted_members_take_the_policy_defaults()
    {
        var metadata = Validate("""{"redirect_uris": ["https://a.example/cb"]}""");

        Assert.Equal(["authorization_code"], metadata.GrantTypes);
        Assert.Equal("openid", metadata.Scope);
    }

    [Fact]
    public void Scopes_are_normalized_and_duplicates_removed()
    {
        Assert.Equal("email openid", Validate($$"""{{{Cc}}, "scope": "  email openid email "}""").Scope);
    }

    [Fact]
    public void Jwks_is_absent_when_jwks_uri_is_registered()
    {
        var metadata = Validate($$"""{{{Cc}}, "jwks_uri": "https://a.example/jwks"}""");

        Assert.Null(metadata.Jwks);
        Assert.Equal("https://a.example/jwks", metadata.JwksUri);
    }

    [Fact]
    public void Tenant_bounds_apply_to_token_lifetimes()
    {
        var strict = TestData.Policy with { MinTokenLifetimeSeconds = 300, MaxTokenLifetimeSeconds = 600 };

        var outcome = RegistrationRequestValidator.ValidateCreate(TestData.Read($$"""{{{Cc}}, "token_expiration_time_seconds": 900}"""), strict);

        Assert.Equal(ErrorIds.TokenLifetimeOutOfBounds, outcome.Error?.Id);
        Assert.True(RegistrationRequestValidator.ValidateCreate(TestData.Read($$"""{{{Cc}}, "token_expiration_time_seconds": 600}"""), strict).IsSuccess);
        Assert.True(RegistrationRequestValidator.ValidateCreate(TestData.Read($$"""{{{Cc}}, "token_expiration_time_seconds": 300}"""), strict).IsSuccess);
        Assert.Equal(ErrorIds.TokenLifetimeOutOfBounds, RegistrationRequestValidator.ValidateCreate(TestData.Read($$"""{{{Cc}}, "token_expiration_time_seconds": 299}"""), strict).Error?.Id);
    }

    public static TheoryData<string> SupportedAlgorithms => [.. JoseAlgorithms.Signing];

    [Theory]
    [MemberData(nameof(SupportedAlgorithms))]
    public void Every_listed_signing_algorithm_is_accepted_for_every_signing_member(string alg)
    {
        var metadata = Validate($$"""{{{Cc}}, "token_signed_response_alg": "{{alg}}", "id_token_signed_response_alg": "{{alg}}", "authorization_signed_response_alg": "{{alg}}"}""");

        Assert.Equal((alg, alg, alg), (metadata.TokenSignedResponseAlg, metadata.IdTokenSignedResponseAlg, metadata.AuthorizationSignedResponseAlg));
    }

    [Fact]
    public void Every_listed_encryption_algorithm_is_accepted()
    {
        Assert.Equal(["RSA-OAEP", "RSA-OAEP-256", "ECDH-ES", "ECDH-ES+A128KW", "ECDH-ES+A192KW", "ECDH-ES+A256KW"], JoseAlgorithms.KeyEncryption);
        Assert.Equal(["A128CBC-HS256", "A192CBC-HS384", "A256CBC-HS512", "A128GCM", "A192GCM", "A256GCM"], JoseAlgorithms.ContentEncryption);
        Assert.Equal(["RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512"], JoseAlgorithms.Signing);
        foreach (var alg in JoseAlgorithms.KeyEncryption)
        {
            foreach (var enc in JoseAlgorithms.ContentEncryption)
            {
                var metadata = Validate($$"""{{{Cc}}, "token_encrypted_response_alg": "{{alg}}", "token_encrypted_response_enc": "{{enc}}"}""");
                Assert.Equal((alg, enc), (metadata.TokenEncryptedResponseAlg, metadata.TokenEncryptedResponseEnc));
            }
        }
    }

    /// <summary>Two problems at once: the one of the member checked first is reported (rules and members in a fixed order).</summary>
    [Theory]
    [InlineData("\"token_signed_response_alg\": \"none\", \"id_token_signed_response_alg\": \"none\"", "token_signed_response_alg")]
    [InlineData("\"id_token_signed_response_alg\": \"none\", \"authorization_signed_response_alg\": \"none\"", "id_token_signed_response_alg")]
    [InlineData("\"authorization_signed_response_alg\": \"none\", \"token_encrypted_response_alg\": \"dir\"", "authorization_signed_response_alg")]
    [InlineData("\"token_encrypted_response_alg\": \"dir\", \"token_encrypted_response_enc\": \"A1\"", "token_encrypted_response_alg")]
    [InlineData("\"client_uri\": \"x\", \"logo_uri\": \"x\"", "client_uri")]
    [InlineData("\"logo_uri\": \"x\", \"tos_uri\": \"x\"", "logo_uri")]
    [InlineData("\"tos_uri\": \"x\", \"policy_uri\": \"x\"", "tos_uri")]
    [InlineData("\"policy_uri\": \"x\", \"tos_uri#fr\": \"x\"", "policy_uri")]
    public void The_first_problem_in_order_is_the_one_reported(string members, string reported)
    {
        var outcome = RegistrationRequestValidator.ValidateCreate(TestData.Read("{" + Cc + ", " + members + "}"), TestData.Policy);

        Assert.StartsWith(reported + " ", outcome.Error?.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_member_sent_is_what_the_client_is_registered_with()
    {
        var metadata = Validate("""
            {"redirect_uris": ["https://a.example/cb"], "token_endpoint_auth_method": "client_secret_post", "grant_types": ["authorization_code", "implicit", "client_credentials"],
             "response_types": ["code", "token"], "client_name": "n", "client_uri": "https://a.example", "logo_uri": "https://a.example/l", "scope": "email",
             "contacts": ["c@a.example"], "tos_uri": "https://a.example/t", "policy_uri": "https://a.example/p", "software_id": "si", "software_version": "sv",
             "application_type": "native", "subject_type": "pairwise", "id_token_signed_response_alg": "ES256",
             "post_logout_redirect_uris": ["https://a.example/bye"], "require_auth_time": true, "default_acr_values": ["acr"],
             "frontchannel_logout_session_required": true, "backchannel_logout_session_required": true, "backchannel_user_code_parameter": true,
             "authorization_signed_response_alg": "PS256", "authorization_data_types": ["t"], "token_signed_response_alg": "ES384",
             "token_encrypted_response_alg": "ECDH-ES", "token_encrypted_response_enc": "A256GCM", "token_expiration_time_seconds": 120,
             "refresh_token_expiration_time_seconds": 240, "preferred_token_profile": "Bearer", "is_consent_disabled": true,
             "jwks": {"keys": []}, "client_name#fr": "nom"}
            """);

        Assert.Equal(["https://a.example/cb"], metadata.RedirectUris);
        Assert.Equal(["authorization_code", "implicit", "client_credentials"], metadata.GrantTypes);
        Assert.Equal(["code", "token"], metadata.ResponseTypes);
        Assert.Equal(["c@a.example"], metadata.Contacts);
        Assert.Equal(["https://a.example/bye"], metadata.PostLogoutRedirectUris);
        Assert.Equal(["acr"], metadata.DefaultAcrValues);
        Assert.Equal(["t"], metadata.AuthorizationDataTypes);
        Assert.Equal(
            ("client_secret_post", "n", "https://a.example", "https://a.example/l", "email", "https://a.example/t", "https://a.example/p", "si", "sv", "native", "pairwise"),
            (metadata.TokenEndpointAuthMethod, metadata.ClientName, metadata.ClientUri, metadata.LogoUri, metadata.Scope, metadata.TosUri, metadata.PolicyUri,
             metadata.SoftwareId, metadata.SoftwareVersion, metadata.ApplicationType, metadata.SubjectType));
        Assert.Equal(
            ("ES256", true, true, true, true, "PS256", "ES384", "ECDH-ES", "A256GCM", 120, 240, "Bearer", true),
            (metadata.IdTokenSignedResponseAlg, metadata.RequireAuthTime, metadata.FrontchannelLogoutSessionRequired, metadata.BackchannelLogoutSessionRequired,
             metadata.BackchannelUserCodeParameter, metadata.AuthorizationSignedResponseAlg, metadata.TokenSignedResponseAlg, metadata.TokenEncryptedResponseAlg,
             metadata.TokenEncryptedResponseEnc, metadata.TokenExpirationTimeSeconds, metadata.RefreshTokenExpirationTimeSeconds, metadata.PreferredTokenProfile,
             metadata.IsConsentDisabled));
        Assert.Equal("""{"keys": []}""", metadata.Jwks);
        Assert.Equal("nom", metadata.Localized["client_name#fr"]);
    }

    [Fact]
    public void Every_omitted_member_takes_its_default()
    {
        var metadata = RegistrationRequestValidator.ValidateCreate(TestData.Read("{" + Cc + "}"), new RegistrationPolicy()).Value!;

        Assert.Equal(("", "client_secret_basic", "web", "public", "RS256", "RS256", "RS256"),
            (metadata.Scope, metadata.TokenEndpointAuthMethod, metadata.ApplicationType, metadata.SubjectType, metadata.IdTokenSignedResponseAlg,
             metadata.AuthorizationSignedResponseAlg, metadata.TokenSignedResponseAlg));
        Assert.Equal(("RSA-OAEP-256", "A128CBC-HS256", 1800, 1800, "Bearer"),
            (metadata.TokenEncryptedResponseAlg, metadata.TokenEncryptedResponseEnc, metadata.TokenExpirationTimeSeconds, metadata.RefreshTokenExpirationTimeSeconds,
             metadata.PreferredTokenProfile));
        Assert.Equal((false, false, false, false, false, false),
            (metadata.RequireAuthTime, metadata.FrontchannelLogoutSessionRequired, metadata.BackchannelLogoutSessionRequired, metadata.BackchannelUserCodeParameter,
             metadata.TlsClientCertificateBoundAccessToken, metadata.IsConsentDisabled));
        Assert.Equal(["code"], metadata.ResponseTypes);
        Assert.Empty(metadata.RedirectUris);
        Assert.Empty(metadata.Contacts);
        Assert.Empty(metadata.PostLogoutRedirectUris);
        Assert.Empty(metadata.DefaultAcrValues);
        Assert.Empty(metadata.AuthorizationDataTypes);
        Assert.Empty(metadata.Localized);
        Assert.Equal("""{"keys":[]}""", metadata.Jwks);
        Assert.Null(metadata.ClientName);
    }

    [Fact]
    public void The_default_policy_allows_the_openid_connect_standard_scopes_and_nothing_else()
    {
        var policy = new RegistrationPolicy();

        Assert.Equal(["openid", "profile", "email", "address", "phone", "offline_access"], policy.AllowedScopes);
        Assert.All(policy.AllowedScopes, s => Assert.True(policy.AllowsScope(s)));
        Assert.False(policy.AllowsScope("register"));
        Assert.Equal(["authorization_code"], policy.DefaultGrantTypes);
        Assert.Equal(("", 1800, 60, 86_400), (policy.DefaultScope, policy.DefaultTokenLifetimeSeconds, policy.MinTokenLifetimeSeconds, policy.MaxTokenLifetimeSeconds));
        Assert.Equal("", new ClientMetadata().Scope);
    }

    [Fact]
    public void Grant_and_response_types_are_deduplicated()
    {
        var metadata = Validate("""{"grant_types": ["authorization_code", "authorization_code"], "response_types": ["code", "code"], "redirect_uris": ["https://a.example/cb"]}""");

        Assert.Equal(["authorization_code"], metadata.GrantTypes);
        Assert.Equal(["code"], metadata.ResponseTypes);
    }

    /// <summary>(body, error id) of updates RFC 7592 §2.2 refuses before looking at the metadata.</summary>
    [Theory]
    [InlineData("""{"grant_types": ["client_credentials"]}""", ErrorIds.UpdateClientIdMissing)]
    [InlineData("""{"client_id": "other"}""", ErrorIds.UpdateClientIdMismatch)]
    [InlineData("""{"client_id": "CID"}""", ErrorIds.UpdateClientIdMismatch)]
    [InlineData("""{"client_id": "cid", "registration_access_token": "x"}""", ErrorIds.UpdateServerManagedMember)]
    [InlineData("""{"client_id": "cid", "registration_client_uri": "https://x"}""", ErrorIds.UpdateServerManagedMember)]
    [InlineData("""{"client_id": "cid", "client_secret_expires_at": 0}""", ErrorIds.UpdateServerManagedMember)]
    [InlineData("""{"client_id": "cid", "client_id_issued_at": 1}""", ErrorIds.UpdateServerManagedMember)]
    public void Updates_must_name_the_client_and_leave_server_members_out(string json, string id)
    {
        var outcome = RegistrationRequestValidator.ValidateUpdate(TestData.Read(json), "cid", TestData.Policy);

        Assert.Equal((OAuthErrorCodes.InvalidClientMetadata, id), (outcome.Error?.Code, outcome.Error?.Id));
        Assert.True(outcome.Error?.Description.Length > 10);
    }

    [Theory]
    [InlineData("create_datetime", "\"2020-01-01T00:00:00.0000000Z\"")]
    [InlineData("update_datetime", "\"2020-01-01T00:00:00.0000000Z\"")]
    [InlineData("update_datetime", "42")]
    public void The_timestamps_the_server_returns_are_ignored_in_an_update(string member, string value)
    {
        var outcome = RegistrationRequestValidator.ValidateUpdate(
            TestData.Read($$"""{"client_id": "cid", "grant_types": ["client_credentials"], "{{member}}": {{value}}}"""), "cid", TestData.Policy);

        Assert.True(outcome.IsSuccess, outcome.Error?.Description);
        Assert.Equal([MetadataFields.CreateDatetime, MetadataFields.UpdateDatetime], MetadataFields.ServerTimestamps);
    }

    /// <summary>A read echoes response_types ["code"] (the default) next to client_credentials; sent back, it means what omitting it means.</summary>
    [Fact]
    public void The_default_response_types_echoed_next_to_other_grants_are_accepted_in_an_update()
    {
        const string Echoed = """{"client_id": "cid", "grant_types": ["client_credentials"], "response_types": ["code"]}""";

        var update = RegistrationRequestValidator.ValidateUpdate(TestData.Read(Echoed), "cid", TestData.Policy);

        Assert.True(update.IsSuccess, update.Error?.Description);
        Assert.Equal(["code"], update.Value.ResponseTypes);
        Assert.Equal(ErrorIds.GrantResponseMismatch, RegistrationRequestValidator.ValidateCreate(TestData.Read(Echoed), TestData.Policy).Error?.Id);
        Assert.Equal(ErrorIds.GrantResponseMismatch, RegistrationRequestValidator.ValidateUpdate(
            TestData.Read("""{"client_id": "cid", "grant_types": ["client_credentials"], "response_types": ["token"]}"""), "cid", TestData.Policy).Error?.Id);
        Assert.Equal(ErrorIds.GrantResponseMismatch, RegistrationRequestValidator.ValidateUpdate(
            TestData.Read("""{"client_id": "cid", "grant_types": ["client_credentials"], "response_types": ["code", "token"]}"""), "cid", TestData.Policy).Error?.Id);
    }

    public static TheoryData<string> Registrations =>
    [
        TestData.ExampleRegistration,
        $$"""
        {"redirect_uris": ["https://a.example/cb", "http://127.0.0.1:8080/cb"], "grant_types": ["authorization_code", "client_credentials"],
         "client_name": "Billing", "client_name#fr": "Facturation", "logo_uri#fr": "https://a.example/fr.png", "client_uri": "https://a.example",
         "logo_uri": "https://a.example/l.png", "tos_uri": "https://a.example/t", "policy_uri": "https://a.example/p", "contacts": ["ops@a.example"],
         "software_id": "billing", "software_version": "2.1", "application_type": "native", "subject_type": "pairwise", "scope": "openid email",
         "jwks": {{TestKeys.Set(TestKeys.RsaJwk("\"kid\": \"r\""), TestKeys.EcJwk("P-256", "\"kid\": \"e\""))}},
         "token_encrypted_response_alg": "ECDH-ES", "token_encrypted_response_enc": "A256GCM", "token_expiration_time_seconds": 600,
         "post_logout_redirect_uris": ["https://a.example/bye"], "default_acr_values": ["urn:acr:1"], "require_auth_time": true}
        """,
        """{"grant_types": ["client_credentials"], "jwks_uri": "https://a.example/jwks", "token_endpoint_auth_method": "client_secret_post"}""",
    ];

    /// <summary>RFC 7592 section 2.2: what a read returns, less the members the update must leave out, with one member changed.</summary>
    [Theory]
    [MemberData(nameof(Registrations), DisableDiscoveryEnumeration = true)]
    public void A_registration_read_back_with_one_member_changed_is_a_valid_update(string registration)
    {
        var info = Registered(registration);
        var body = ReadBack(info);
        body["client_name"] = "renamed";

        var outcome = RegistrationRequestValidator.ValidateUpdate(TestData.Read(body.ToJsonString()), "cid", TestData.Policy);

        Assert.True(outcome.IsSuccess, outcome.Error?.Description);
        Assert.True(System.Text.Json.Nodes.JsonNode.DeepEquals(
            System.Text.Json.Nodes.JsonNode.Parse(Written(info with { Metadata = info.Metadata with { ClientName = "renamed" } })),
            System.Text.Json.Nodes.JsonNode.Parse(Written(info with { Metadata = outcome.Value }))));
    }

    public static TheoryData<string> ForbiddenInUpdates => [.. MetadataFields.ServerManaged];

    [Theory]
    [MemberData(nameof(ForbiddenInUpdates))]
    public void A_read_back_registration_that_keeps_a_member_rfc7592_forbids_is_refused(string member)
    {
        var info = Registered(TestData.ExampleRegistration);
        var body = ReadBack(info);
        body[member] = System.Text.Json.Nodes.JsonNode.Parse(Written(info))![member]!.DeepClone();

        var outcome = RegistrationRequestValidator.ValidateUpdate(TestData.Read(body.ToJsonString()), "cid", TestData.Policy);

        Assert.Equal((OAuthErrorCodes.InvalidClientMetadata, ErrorIds.UpdateServerManagedMember), (outcome.Error?.Code, outcome.Error?.Id));
        Assert.StartsWith(member + " ", outcome.Error!.Description, StringComparison.Ordinal);
    }

    private static ClientInformation Registered(string registration) => new()
    {
        ClientId = "cid",
        RegistrationAccessToken = "rat",
        ClientIdIssuedAt = 1_686_597_864,
        CreatedAt = new DateTimeOffset(2023, 6, 12, 19, 24, 24, TimeSpan.Zero),
        UpdatedAt = new DateTimeOffset(2023, 6, 12, 19, 25, 0, TimeSpan.Zero),
        Metadata = Validate(registration),
    };

    /// <summary>The registration as a read answers it (RFC 7592 section 2.1), less the members an update must not send.</summary>
    private static System.Text.Json.Nodes.JsonObject ReadBack(ClientInformation info)
    {
        var body = System.Text.Json.Nodes.JsonNode.Parse(Written(info))!.AsObject();
        foreach (var member in MetadataFields.ServerManaged)
        {
            Assert.True(body.Remove(member), member);
        }

        return body;
    }

    private static string Written(ClientInformation info)
    {
        using var buffer = new MemoryStream();
        using (var writer = new System.Text.Json.Utf8JsonWriter(buffer))
        {
            Registry.Protocol.Json.ClientInformationWriter.Write(writer, info, "https://r.example/register/cid");
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    [Fact]
    public void An_update_is_validated_and_resolved_like_a_registration()
    {
        var valid = RegistrationRequestValidator.ValidateUpdate(
            TestData.Read("""{"client_id": "cid", "client_secret": "current", "grant_types": ["client_credentials"], "scope": "email"}"""), "cid", TestData.Policy);
        var invalid = RegistrationRequestValidator.ValidateUpdate(
            TestData.Read("""{"client_id": "cid", "grant_types": ["client_credentials"], "scope": "admin"}"""), "cid", TestData.Policy);

        Assert.Equal(("email", "openid"), (valid.Value?.Scope, Validate("{" + Cc + "}").Scope));
        Assert.Equal(ErrorIds.ScopeNotAllowed, invalid.Error?.Id);
    }

    private static ClientMetadata Validate(string json)
    {
        var outcome = RegistrationRequestValidator.ValidateCreate(TestData.Read(json), TestData.Policy);
        Assert.True(outcome.IsSuccess, outcome.Error?.Description);
        return outcome.Value;
    }
}
