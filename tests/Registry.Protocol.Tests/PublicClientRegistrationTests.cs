using Registry.Protocol.Errors;
using Registry.Protocol.Metadata;

namespace Registry.Protocol.Tests;

/// <summary>
/// Public clients (token_endpoint_auth_method none, RFC 7591 section 2): only where the tenant lists the method, and
/// never with the client_credentials grant (RFC 6749 section 4.4 needs a confidential client) — sent or by default.
/// </summary>
public sealed class PublicClientRegistrationTests
{
    private const string Redirect = "\"redirect_uris\": [\"http://127.0.0.1/cb\"]";

    private static readonly RegistrationPolicy AllowsPublic = TestData.Policy with { AllowedAuthMethods = AuthMethods.Supported };

    /// <summary>Policies by name: public clients allowed, with client_credentials among the default grant types or alone.</summary>
    private static readonly Dictionary<string, RegistrationPolicy> Policies = new()
    {
        ["public"] = AllowsPublic,
        ["public, machine defaults"] = AllowsPublic with { DefaultGrantTypes = [GrantTypes.ClientCredentials] },
        ["public, mixed defaults"] = AllowsPublic with { DefaultGrantTypes = [GrantTypes.AuthorizationCode, GrantTypes.ClientCredentials] },
        ["public, narrowing"] = AllowsPublic with { OnDisallowed = DisallowedHandling.Narrow },
        ["confidential only"] = TestData.Policy,
        ["public only"] = TestData.Policy with { AllowedAuthMethods = [AuthMethods.None] },
        ["public only, narrowing"] = TestData.Policy with { AllowedAuthMethods = [AuthMethods.None], OnDisallowed = DisallowedHandling.Narrow },
    };

    /// <summary>(policy, body, error code, error id)</summary>
    public static TheoryData<string, string, string, string> Refused => new()
    {
        { "public", """{"token_endpoint_auth_method": "none", "grant_types": ["client_credentials"]}""", OAuthErrorCodes.InvalidClientMetadata, ErrorIds.AuthMethodUnsupported },
        { "public", $$"""{"token_endpoint_auth_method": "none", "grant_types": ["authorization_code", "client_credentials"], {{Redirect}}}""", OAuthErrorCodes.InvalidClientMetadata, ErrorIds.AuthMethodUnsupported },
        { "public, narrowing", $$"""{"token_endpoint_auth_method": "none", "grant_types": ["authorization_code", "client_credentials"], {{Redirect}}}""", OAuthErrorCodes.InvalidClientMetadata, ErrorIds.AuthMethodUnsupported },
        // grant types omitted: the tenant's default grant types count
        { "public, machine defaults", """{"token_endpoint_auth_method": "none"}""", OAuthErrorCodes.InvalidClientMetadata, ErrorIds.AuthMethodUnsupported },
        { "public, mixed defaults", $$"""{"token_endpoint_auth_method": "none", {{Redirect}}}""", OAuthErrorCodes.InvalidClientMetadata, ErrorIds.AuthMethodUnsupported },
        // a tenant that does not list none has no public clients
        { "confidential only", $$"""{"token_endpoint_auth_method": "none", "grant_types": ["authorization_code"], {{Redirect}}}""", OAuthErrorCodes.InvalidClientMetadata, ErrorIds.PolicyAuthMethodNotAllowed },
        { "confidential only", $$"""{"token_endpoint_auth_method": "none", {{Redirect}}}""", OAuthErrorCodes.InvalidClientMetadata, ErrorIds.PolicyAuthMethodNotAllowed },
        // a public client by the tenant's default method, or narrowed to one, is held to the same rule
        { "public only", """{"grant_types": ["client_credentials"]}""", OAuthErrorCodes.InvalidClientMetadata, ErrorIds.AuthMethodUnsupported },
        { "public only, narrowing", """{"token_endpoint_auth_method": "client_secret_basic", "grant_types": ["client_credentials"]}""", OAuthErrorCodes.InvalidClientMetadata, ErrorIds.AuthMethodUnsupported },
        { "public", """{"token_endpoint_auth_method": "None", "grant_types": ["authorization_code"], "redirect_uris": ["http://127.0.0.1/cb"]}""", OAuthErrorCodes.InvalidClientMetadata, ErrorIds.AuthMethodUnsupported },
    };

    [Theory]
    [MemberData(nameof(Refused), DisableDiscoveryEnumeration = true)]
    public void A_public_client_is_refused_the_client_credentials_grant_and_where_the_tenant_has_none(string policy, string json, string code, string id)
    {
        var outcome = RegistrationRequestValidator.ValidateCreate(TestData.Read(json), Policies[policy]);

        Assert.False(outcome.IsSuccess);
        Assert.Equal((code, id), (outcome.Error.Code, outcome.Error.Id));
        Assert.Contains("token_endpoint_auth_method", outcome.Error.Description, StringComparison.Ordinal);
    }

    /// <summary>(policy, body, the grant types registered)</summary>
    public static TheoryData<string, string, string[]> Registered => new()
    {
        { "public", $$"""{"token_endpoint_auth_method": "none", "grant_types": ["authorization_code", "refresh_token"], {{Redirect}}}""", ["authorization_code", "refresh_token"] },
        { "public", $$"""{"token_endpoint_auth_method": "none", {{Redirect}}}""", ["authorization_code"] },
        { "public, narrowing", $$"""{"token_endpoint_auth_method": "none", "grant_types": ["authorization_code"], {{Redirect}}}""", ["authorization_code"] },
        { "public", $$"""{"token_endpoint_auth_method": "none", "application_type": "native", "redirect_uris": ["com.example.app:/cb"]}""", ["authorization_code"] },
    };

    [Theory]
    [MemberData(nameof(Registered), DisableDiscoveryEnumeration = true)]
    public void A_public_client_that_acts_for_users_is_registered_where_the_tenant_allows_it(string policy, string json, string[] grants)
    {
        var outcome = RegistrationRequestValidator.ValidateCreate(TestData.Read(json), Policies[policy]);

        Assert.True(outcome.IsSuccess, outcome.Error?.Description);
        Assert.Equal(AuthMethods.None, outcome.Value.TokenEndpointAuthMethod);
        Assert.Equal(grants, outcome.Value.GrantTypes);
    }

    /// <summary>Without a list of methods the tenant allows the confidential ones, and says so (no list to name is no crash).</summary>
    [Theory]
    [InlineData(DisallowedHandling.Reject)]
    [InlineData(DisallowedHandling.Narrow)]
    public void A_public_client_where_no_method_is_listed_is_told_the_confidential_methods(DisallowedHandling handling)
    {
        var json = $$"""{"token_endpoint_auth_method": "none", "grant_types": ["authorization_code"], {{Redirect}}}""";

        var outcome = RegistrationRequestValidator.ValidateCreate(TestData.Read(json), TestData.Policy with { OnDisallowed = handling });

        Assert.Equal(ErrorIds.PolicyAuthMethodNotAllowed, outcome.Error?.Id);
        Assert.EndsWith("allowed: client_secret_basic client_secret_post", outcome.Error!.Description, StringComparison.Ordinal);
    }

    /// <summary>Only none is tied to the grant: confidential clients keep client_credentials, sent or by default.</summary>
    [Theory]
    [InlineData("""{"token_endpoint_auth_method": "client_secret_basic", "grant_types": ["client_credentials"]}""", "client_secret_basic")]
    [InlineData("""{"token_endpoint_auth_method": "client_secret_post", "grant_types": ["client_credentials"]}""", "client_secret_post")]
    [InlineData("""{"token_endpoint_auth_method": "client_secret_post"}""", "client_secret_post")]
    [InlineData("{}", "client_secret_basic")]
    public void A_confidential_client_may_use_client_credentials(string json, string method)
    {
        var outcome = RegistrationRequestValidator.ValidateCreate(TestData.Read(json), Policies["public, machine defaults"]);

        Assert.True(outcome.IsSuccess, outcome.Error?.Description);
        Assert.Equal(method, outcome.Value.TokenEndpointAuthMethod);
        Assert.Equal(["client_credentials"], outcome.Value.GrantTypes);
    }

    /// <summary>Without a list only confidential methods are allowed; with one, exactly what it names.</summary>
    [Fact]
    public void A_tenant_allows_public_clients_only_by_listing_none()
    {
        var unlisted = TestData.Policy;
        var publicOnly = TestData.Policy with { AllowedAuthMethods = [AuthMethods.None, AuthMethods.ClientSecretPost] };

        Assert.Equal((true, true, false), (unlisted.AllowsAuthMethod(AuthMethods.ClientSecretBasic), unlisted.AllowsAuthMethod(AuthMethods.ClientSecretPost), unlisted.AllowsAuthMethod(AuthMethods.None)));
        Assert.Equal((false, true, true), (publicOnly.AllowsAuthMethod(AuthMethods.ClientSecretBasic), publicOnly.AllowsAuthMethod(AuthMethods.ClientSecretPost), publicOnly.AllowsAuthMethod(AuthMethods.None)));
        Assert.False(publicOnly.AllowsAuthMethod("NONE"));
    }

    [Fact]
    public void None_is_supported_but_not_confidential()
    {
        Assert.Equal(["client_secret_basic", "client_secret_post", "none"], AuthMethods.Supported);
        Assert.Equal(["client_secret_basic", "client_secret_post"], AuthMethods.Confidential);
    }
}
