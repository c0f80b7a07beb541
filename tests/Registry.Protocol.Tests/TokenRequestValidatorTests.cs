using Registry.Protocol.Errors;
using Registry.Protocol.Tokens;

namespace Registry.Protocol.Tests;

/// <summary>What an authenticated client is granted (RFC 6749 §3.3, §4.4, §5.2).</summary>
public sealed class TokenRequestValidatorTests
{
    private static readonly TokenClient Client = new(["client_credentials"], ["openid", "profile"], 600);

    [Theory]
    [InlineData(null, "openid profile")]
    [InlineData("profile", "profile")]
    [InlineData("profile openid", "profile openid")]
    public void A_client_gets_what_it_asks_for_within_what_it_registered(string? scope, string granted)
    {
        var grant = TokenRequestValidator.Validate(Request(scope), Client);

        Assert.Equal(new TokenGrant(granted, 600), grant.Value);
    }

    [Theory]
    [InlineData("email")]
    [InlineData("openid email")]
    [InlineData("register")]
    public void A_scope_it_did_not_register_is_invalid_scope(string scope)
    {
        var grant = TokenRequestValidator.Validate(Request(scope), Client);

        Assert.Equal((OAuthErrorCodes.InvalidScope, ErrorIds.TokenScopeNotRegistered), (grant.Error?.Code, grant.Error?.Id));
        Assert.Contains("'" + scope.Split(' ').First(s => s is not "openid") + "'", grant.Error?.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void A_client_not_registered_for_the_grant_is_unauthorized_client()
    {
        var grant = TokenRequestValidator.Validate(Request(null), Client with { GrantTypes = ["authorization_code"] });

        Assert.Equal((OAuthErrorCodes.UnauthorizedClient, ErrorIds.TokenGrantNotRegistered), (grant.Error?.Code, grant.Error?.Id));
        Assert.Contains("client_credentials", grant.Error?.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void The_admin_client_gets_the_register_scope_and_nothing_else()
    {
        var admin = TokenClient.Admin(900);

        Assert.Equal(new TokenGrant("register", 900), TokenRequestValidator.Validate(Request(null), admin).Value);
        Assert.Equal(new TokenGrant("register", 900), TokenRequestValidator.Validate(Request("register"), admin).Value);
        Assert.Equal(ErrorIds.TokenScopeNotRegistered, TokenRequestValidator.Validate(Request("openid"), admin).Error?.Id);
    }

    private static TokenRequest Request(string? scope) =>
        new("client_credentials", "cid", "secret", ClientAuthMethod.ClientSecretBasic, scope?.Split(' '));

    [Fact]
    public void Under_todays_policy_a_default_request_gets_the_registered_scopes_the_tenant_still_allows()
    {
        var policy = new Metadata.RegistrationPolicy { AllowedScopes = ["profile", "email"] };

        var grant = TokenRequestValidator.Validate(Request(null), Client, policy);

        Assert.Equal(new TokenGrant("profile", 600), grant.Value);
    }

    [Fact]
    public void Under_todays_policy_a_registered_scope_the_tenant_withdrew_is_invalid_scope_when_asked_for()
    {
        var policy = new Metadata.RegistrationPolicy { AllowedScopes = ["profile"] };

        var grant = TokenRequestValidator.Validate(Request("profile openid"), Client, policy);

        Assert.Equal((OAuthErrorCodes.InvalidScope, ErrorIds.TokenScopeNotAllowed), (grant.Error?.Code, grant.Error?.Id));
        Assert.Contains("'openid'", grant.Error?.Description, StringComparison.Ordinal);
        Assert.Equal(ErrorIds.TokenScopeNotRegistered, TokenRequestValidator.Validate(Request("email"), Client, policy).Error?.Id);
    }

    [Theory]
    [InlineData(600, 60, 86_400, 600)]
    [InlineData(600, 900, 3600, 900)]
    [InlineData(600, 60, 300, 300)]
    [InlineData(600, 600, 600, 600)]
    public void Under_todays_policy_the_lifetime_is_clamped_to_the_current_bounds(int registered, int min, int max, int issued)
    {
        var policy = new Metadata.RegistrationPolicy { AllowedScopes = ["openid", "profile"], MinTokenLifetimeSeconds = min, MaxTokenLifetimeSeconds = max };

        var grant = TokenRequestValidator.Validate(Request(null), Client with { LifetimeSeconds = registered }, policy);

        Assert.Equal(new TokenGrant("openid profile", issued), grant.Value);
        Assert.Equal(issued, TokenRequestValidator.Lifetime(registered, policy));
    }
}
