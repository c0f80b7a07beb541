using Registry.Protocol.Errors;
using Registry.Protocol.Metadata;

namespace Registry.Protocol.Tests;

public sealed class ClientMetadataValidatorTests
{
    private const string Cc = "\"grant_types\": [\"client_credentials\"]";

    /// <summary>(body, error code, text the description must contain)</summary>
    public static TheoryData<string, string, string> Invalid => new()
    {
        // redirect URIs: absolute, no fragment, https for web clients except loopback, RFC 8252 for native
        { $$"""{{{Cc}}, "redirect_uris": ["/relative"]}""", OAuthErrorCodes.InvalidRedirectUri, "redirect_uris[0] '/relative' is not an absolute URI" },
        { $$"""{{{Cc}}, "redirect_uris": ["tmp.com"]}""", OAuthErrorCodes.InvalidRedirectUri, "is not an absolute URI" },
        { $$"""{{{Cc}}, "redirect_uris": ["https://a.example/cb#frag"]}""", OAuthErrorCodes.InvalidRedirectUri, "must not contain a fragment" },
        { $$"""{{{Cc}}, "redirect_uris": ["https://ok.example", "http://a.example/cb"]}""", OAuthErrorCodes.InvalidRedirectUri, "redirect_uris[1] 'http://a.example/cb' must use https" },
        { $$"""{{{Cc}}, "redirect_uris": ["javascript:alert(1)"]}""", OAuthErrorCodes.InvalidRedirectUri, "forbidden scheme javascript" },
        { $$"""{{{Cc}}, "redirect_uris": ["data:text/html,hi"]}""", OAuthErrorCodes.InvalidRedirectUri, "forbidden scheme data" },
        { $$"""{{{Cc}}, "redirect_uris": ["com.example.app:/cb"]}""", OAuthErrorCodes.InvalidRedirectUri, "private-use URI schemes are for native clients" },
        { $$"""{{{Cc}}, "application_type": "native", "redirect_uris": ["myapp:/cb"]}""", OAuthErrorCodes.InvalidRedirectUri, "without a period" },
        { $$"""{{{Cc}}, "application_type": "native", "redirect_uris": ["http://a.example/cb"]}""", OAuthErrorCodes.InvalidRedirectUri, "must use https or the loopback interface" },
        { """{"grant_types": ["authorization_code"]}""", OAuthErrorCodes.InvalidRedirectUri, "redirect_uris is required for the authorization_code grant type" },
        { "{}", OAuthErrorCodes.InvalidRedirectUri, "redirect_uris is required for the authorization_code grant type" },
        { $$"""{{{Cc}}, "post_logout_redirect_uris": ["http://a.example/bye"]}""", OAuthErrorCodes.InvalidRedirectUri, "post_logout_redirect_uris[0]" },
        // grant and response types
        { """{"grant_types": ["password"]}""", OAuthErrorCodes.InvalidClientMetadata, "grant_types value 'password' is not supported" },
        { """{"grant_types": []}""", OAuthErrorCodes.InvalidClientMetadata, "grant_types must not be empty" },
        { $$"""{{{Cc}}, "response_types": ["code id_token"]}""", OAuthErrorCodes.InvalidClientMetadata, "response_types value 'code id_token' is not supported" },
        { $$"""{{{Cc}}, "response_types": ["code"]}""", OAuthErrorCodes.InvalidClientMetadata, "response_types 'code' requires grant_types to include 'authorization_code'" },
        { $$"""{{{Cc}}, "response_types": ["token"]}""", OAuthErrorCodes.InvalidClientMetadata, "response_types 'token' requires grant_types to include 'implicit'" },
        { """{"grant_types": ["authorization_code"], "response_types": ["token"], "redirect_uris": ["https://a.example"]}""", OAuthErrorCodes.InvalidClientMetadata, "grant_types 'authorization_code' requires response_types to include 'code'" },
        { """{"grant_types": ["authorization_code", "implicit"], "response_types": ["code"], "redirect_uris": ["https://a.example"]}""", OAuthErrorCodes.InvalidClientMetadata, "grant_types 'implicit' requires response_types to include 'token'" },
        // authentication method
        { $$"""{{{Cc}}, "token_endpoint_auth_method": "private_key_jwt"}""", OAuthErrorCodes.InvalidClientMetadata, "token_endpoint_auth_method 'private_key_jwt' is not supported" },
        { $$"""{{{Cc}}, "token_endpoint_auth_method": "none"}""", OAuthErrorCodes.InvalidClientMetadata, "token_endpoint_auth_method 'none' is not supported" },
        // jwks xor jwks_uri
        { $$"""{{{Cc}}, "jwks": {"keys": []}, "jwks_uri": "https://a.example/jwks"}""", OAuthErrorCodes.InvalidClientMetadata, "jwks and jwks_uri must not both be present" },
        { $$"""{{{Cc}}, "jwks_uri": "http://a.example/jwks"}""", OAuthErrorCodes.InvalidClientMetadata, "jwks_uri 'http://a.example/jwks' must be an absolute https URL" },
        // scopes
        { $$"""{{{Cc}}, "scope": "openid admin"}""", OAuthErrorCodes.InvalidClientMetadata, "scope 'admin' is not allowed" },
        { $$"""{{{Cc}}, "scope": "register"}""", OAuthErrorCodes.InvalidClientMetadata, "scope 'register' is reserved" },
        { $$"""{{{Cc}}, "scope": "open\"id"}""", OAuthErrorCodes.InvalidClientMetadata, "invalid scope token" },
        // URI-valued fields
        { $$"""{{{Cc}}, "client_uri": "not a uri"}""", OAuthErrorCodes.InvalidClientMetadata, "client_uri 'not a uri' must be an absolute http or https URL" },
        { $$"""{{{Cc}}, "logo_uri": "ftp://a.example/logo.png"}""", OAuthErrorCodes.InvalidClientMetadata, "logo_uri" },
        { $$"""{{{Cc}}, "tos_uri": "javascript:x"}""", OAuthErrorCodes.InvalidClientMetadata, "tos_uri" },
        { $$"""{{{Cc}}, "policy_uri": "//a.example"}""", OAuthErrorCodes.InvalidClientMetadata, "policy_uri" },
        { $$"""{{{Cc}}, "policy_uri#fr": "nope"}""", OAuthErrorCodes.InvalidClientMetadata, "policy_uri#fr" },
        // profile and algorithms
        { $$"""{{{Cc}}, "application_type": "desktop"}""", OAuthErrorCodes.InvalidClientMetadata, "application_type 'desktop' must be web or native" },
        { $$"""{{{Cc}}, "subject_type": "secret"}""", OAuthErrorCodes.InvalidClientMetadata, "subject_type 'secret'" },
        { $$"""{{{Cc}}, "preferred_token_profile": "mac"}""", OAuthErrorCodes.InvalidClientMetadata, "preferred_token_profile 'mac' is not supported" },
        { $$"""{{{Cc}}, "token_signed_response_alg": "none"}""", OAuthErrorCodes.InvalidClientMetadata, "token_signed_response_alg 'none' is not supported" },
        { $$"""{{{Cc}}, "id_token_signed_response_alg": "HS256"}""", OAuthErrorCodes.InvalidClientMetadata, "id_token_signed_response_alg 'HS256'" },
        { $$"""{{{Cc}}, "token_encrypted_response_alg": "RSA1_5"}""", OAuthErrorCodes.InvalidClientMetadata, "'RSA1_5' is deprecated" },
        { $$"""{{{Cc}}, "token_encrypted_response_enc": "A128GCM"}""", OAuthErrorCodes.InvalidClientMetadata, "token_encrypted_response_enc requires token_encrypted_response_alg" },
        { $$"""{{{Cc}}, "token_encrypted_response_alg": "RSA-OAEP", "token_encrypted_response_enc": "A1"}""", OAuthErrorCodes.InvalidClientMetadata, "token_encrypted_response_enc 'A1'" },
        // lifetimes and unsupported features
        { $$"""{{{Cc}}, "token_expiration_time_seconds": 10}""", OAuthErrorCodes.InvalidClientMetadata, "token_expiration_time_seconds must be between 60 and 86400" },
        { $$"""{{{Cc}}, "token_expiration_time_seconds": 9999999999}""", OAuthErrorCodes.InvalidClientMetadata, "token_expiration_time_seconds must be between" },
        { $$"""{{{Cc}}, "refresh_token_expiration_time_seconds": -1}""", OAuthErrorCodes.InvalidClientMetadata, "refresh_token_expiration_time_seconds" },
        { $$"""{{{Cc}}, "tls_client_certificate_bound_access_token": true}""", OAuthErrorCodes.InvalidClientMetadata, "tls_client_certificate_bound_access_token true is not supported" },
        // software statements (RFC 7591 §3.2.2)
        { $$"""{{{Cc}}, "software_statement": "not-a-jwt"}""", OAuthErrorCodes.InvalidSoftwareStatement, "not a compact-serialized JWS" },
        { $$"""{{{Cc}}, "software_statement": "eyJhbGciOiJSUzI1NiJ9.eyJzb2Z0d2FyZV9pZCI6IngifQ.c2ln"}""", OAuthErrorCodes.UnapprovedSoftwareStatement, "no trusted statement issuer" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Invalid_metadata_is_refused_with_the_right_code_and_a_description_naming_the_field(string json, string code, string description)
    {
        var outcome = ClientMetadataValidator.Validate(TestData.Read(json), TestData.Policy);

        Assert.False(outcome.IsSuccess);
        Assert.Equal(code, outcome.Error.Code);
        Assert.Equal(400, outcome.Error.Status);
        Assert.Contains(description, outcome.Error.Description, StringComparison.Ordinal);
    }

    public static TheoryData<string> Valid => new()
    {
        TestData.SeedRequest,
        "{" + Cc + "}",
        $$"""{{{Cc}}, "redirect_uris": ["http://127.0.0.1:8080/cb", "http://[::1]/cb", "http://localhost/cb"]}""",
        $$"""{{{Cc}}, "application_type": "native", "redirect_uris": ["com.example.app:/oauth2redirect", "http://127.0.0.1/cb", "https://app.example/cb"]}""",
        """{"grant_types": ["authorization_code", "refresh_token"], "response_types": ["code"], "redirect_uris": ["https://a.example/cb?x=1"]}""",
        """{"grant_types": ["implicit"], "response_types": ["token"], "redirect_uris": ["https://a.example/cb"]}""",
        """{"response_types": ["code"], "redirect_uris": ["https://a.example/cb"]}""",
        $$"""{{{Cc}}, "jwks_uri": "https://a.example/jwks"}""",
        $$$"""{{{{Cc}}}, "jwks": {"keys": [{"kty": "RSA", "n": "x", "e": "AQAB"}]}}""",
        $$"""{{{Cc}}, "token_endpoint_auth_method": "client_secret_post", "scope": "api.read   email", "token_expiration_time_seconds": 60}""",
        $$"""{{{Cc}}, "token_encrypted_response_alg": "ECDH-ES", "token_encrypted_response_enc": "A256GCM", "id_token_signed_response_alg": "ES256"}""",
        $$"""{{{Cc}}, "client_name": "Billing ✓", "client_uri": "https://a.example", "logo_uri": "https://a.example/l.png", "contacts": ["ops@a.example"], "software_id": "b", "software_version": "1.2"}""",
        $$"""{{{Cc}}, "tls_client_certificate_bound_access_token": false, "subject_type": "pairwise", "preferred_token_profile": "Bearer"}""",
    };

    [Theory]
    [MemberData(nameof(Valid))]
    public void Valid_metadata_is_accepted(string json)
    {
        var outcome = ClientMetadataValidator.Validate(TestData.Read(json), TestData.Policy);

        Assert.True(outcome.IsSuccess, outcome.Error?.Description);
    }

    [Fact]
    public void The_seed_body_registers_unchanged_with_rfc7591_defaults()
    {
        var metadata = Validate(TestData.SeedRequest);

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

        var outcome = ClientMetadataValidator.Validate(TestData.Read($$"""{{{Cc}}, "token_expiration_time_seconds": 900}"""), strict);

        Assert.Contains("between 300 and 600", outcome.Error?.Description, StringComparison.Ordinal);
    }

    private static ClientMetadata Validate(string json)
    {
        var outcome = ClientMetadataValidator.Validate(TestData.Read(json), TestData.Policy);
        Assert.True(outcome.IsSuccess, outcome.Error?.Description);
        return outcome.Value;
    }
}
