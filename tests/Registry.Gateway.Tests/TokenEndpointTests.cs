using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Registry.Gateway.Tests.Infrastructure;
using Registry.Protocol.Errors;

namespace Registry.Gateway.Tests;

/// <summary>POST /token: RFC 6749 §4.4 and every §5.2 error with its status.</summary>
[Collection(ServerCollectionDefinition.Name)]
public sealed class TokenEndpointTests(ServerFixture fixture)
{
    private HttpClient Http => fixture.Http;

    [Theory]
    [InlineData("grant_type=client_credentials&client_id=registerClient&client_secret=wrong", ErrorIds.ClientAuthFailed)]
    [InlineData("grant_type=client_credentials&client_id=nobody-at-all&client_secret=password", ErrorIds.ClientAuthFailed)]
    [InlineData("grant_type=client_credentials&client_id=AAAAAAAAAAAAAAAAAAAAAA&client_secret=x", ErrorIds.ClientAuthFailed)]
    [InlineData("grant_type=client_credentials", ErrorIds.ClientAuthMissing)]
    [InlineData("grant_type=client_credentials&client_id=registerClient", ErrorIds.ClientAuthMissing)]
    public async Task Failed_client_authentication_is_401_invalid_client_with_a_challenge_that_says_so(string form, string errorId)
    {
        var response = await Http.TokenAsync("", form);

        var body = await fixture.Server.AssertErrorAsync(response, HttpStatusCode.Unauthorized, "invalid_client", errorId);
        var (scheme, parameters) = response.Challenge();
        Assert.Equal("Basic", scheme);
        Assert.Equal(("registry", "invalid_client", body.Str("error_description")), (parameters["realm"], parameters["error"], parameters["error_description"]));
    }

    [Fact]
    public async Task Wrong_basic_credentials_are_401_with_a_basic_challenge_naming_the_error()
    {
        var response = await Http.TokenAsync("", "grant_type=client_credentials", OAuthClient.Basic("registerClient", "nope"));

        await fixture.Server.AssertErrorAsync(response, HttpStatusCode.Unauthorized, "invalid_client", ErrorIds.ClientAuthFailed);
        var (scheme, parameters) = response.Challenge();
        Assert.Equal(("Basic", "invalid_client", "UTF-8"), (scheme, parameters["error"], parameters["charset"]));
        Assert.False(string.IsNullOrEmpty(parameters["error_description"]));
    }

    [Fact]
    public async Task The_admin_client_authenticates_with_basic_too()
    {
        var response = await Http.TokenAsync("", "grant_type=client_credentials&scope=register", OAuthClient.Basic("registerClient", "password"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("client_id=registerClient&client_secret=password", "invalid_request", ErrorIds.TokenGrantTypeMissing)]
    [InlineData("grant_type=password&username=a&password=b", "unsupported_grant_type", ErrorIds.TokenGrantTypeUnsupported)]
    [InlineData("grant_type=authorization_code&code=x&client_id=registerClient&client_secret=password", "invalid_request", ErrorIds.TokenCodeVerifierMissing)]
    [InlineData("grant_type=implicit&client_id=registerClient&client_secret=password", "unsupported_grant_type", ErrorIds.TokenGrantTypeUnsupported)]
    [InlineData("grant_type=client_credentials&grant_type=client_credentials&client_id=registerClient&client_secret=password", "invalid_request", ErrorIds.TokenParameterRepeated)]
    [InlineData("grant_type=client_credentials&client_id=registerClient&client_secret=password&scope=openid", "invalid_scope", ErrorIds.TokenScopeNotRegistered)]
    [InlineData("grant_type=client_credentials&client_id=registerClient&client_secret=password&scope=register%5Cx", "invalid_scope", ErrorIds.TokenScopeSyntax)]
    public async Task Malformed_or_unacceptable_requests_get_their_rfc6749_error(string form, string error, string errorId)
    {
        var response = await Http.TokenAsync("", form);

        await fixture.Server.AssertErrorAsync(response, HttpStatusCode.BadRequest, error, errorId);
        Assert.Empty(response.Headers.WwwAuthenticate);
    }

    [Fact]
    public async Task Two_authentication_methods_at_once_are_invalid_request()
    {
        var response = await Http.TokenAsync("", "grant_type=client_credentials&client_secret=password", OAuthClient.Basic("registerClient", "password"));

        await fixture.Server.AssertErrorAsync(response, HttpStatusCode.BadRequest, "invalid_request", ErrorIds.ClientAuthMultipleMethods);
    }

    [Theory]
    [InlineData("application/json", "{\"grant_type\":\"client_credentials\"}")]
    [InlineData("text/plain", "grant_type=client_credentials")]
    [InlineData("application/x-www-form-urlencoded; charset=latin1", "grant_type=client_credentials")]
    public async Task Other_content_types_are_invalid_request(string mediaType, string body)
    {
        var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(mediaType);

        var response = await Http.PostAsync("/token", content);

        await fixture.Server.AssertErrorAsync(response, HttpStatusCode.BadRequest, "invalid_request", ErrorIds.RequestMediaType);
    }

    [Fact]
    public async Task Oversized_token_requests_are_413()
    {
        var response = await Http.TokenAsync("", "grant_type=client_credentials&pad=" + new string('a', 20_000));

        await fixture.Server.AssertErrorAsync(response, HttpStatusCode.RequestEntityTooLarge, "invalid_request", ErrorIds.RequestBodyTooLarge);
    }

    [Fact]
    public async Task Get_is_not_allowed_on_the_token_endpoint()
    {
        await (await Http.GetAsync("/token?grant_type=client_credentials")).AssertErrorAsync(HttpStatusCode.MethodNotAllowed, "invalid_request");
    }

    [Fact]
    public async Task A_client_obtains_only_scopes_it_registered_and_never_register()
    {
        var client = await Http.RegisterAsync();

        await fixture.Server.AssertErrorAsync(await Http.TokenAsync("", "grant_type=client_credentials&scope=openid+email", OAuthClient.Basic(client)),
            HttpStatusCode.BadRequest, "invalid_scope", ErrorIds.TokenScopeNotRegistered);
        await fixture.Server.AssertErrorAsync(await Http.TokenAsync("", "grant_type=client_credentials&scope=register", OAuthClient.Basic(client)),
            HttpStatusCode.BadRequest, "invalid_scope", ErrorIds.TokenScopeNotRegistered);
        var profile = await (await Http.TokenAsync("", "grant_type=client_credentials&scope=profile", OAuthClient.Basic(client))).JsonAsync();
        Assert.Equal("profile", profile.Str("scope"));
    }

    [Fact]
    public async Task A_client_without_the_client_credentials_grant_is_unauthorized_client()
    {
        var client = await Http.RegisterAsync(body: """{"grant_types": ["authorization_code"], "redirect_uris": ["https://app.example/cb"]}""");

        await fixture.Server.AssertErrorAsync(await Http.TokenAsync("", "grant_type=client_credentials", OAuthClient.Basic(client)),
            HttpStatusCode.BadRequest, "unauthorized_client", ErrorIds.TokenGrantNotRegistered);
    }

    [Fact]
    public async Task The_token_lifetime_is_the_clients_token_expiration_time_seconds()
    {
        var client = await Http.RegisterAsync(body: """{"grant_types": ["client_credentials"], "token_expiration_time_seconds": 120}""");

        var body = await (await Http.TokenAsync("", "grant_type=client_credentials", OAuthClient.Basic(client))).JsonAsync();

        Assert.Equal(120, body.GetProperty("expires_in").GetInt32());
        var jwt = new JsonWebToken(body.Str("access_token"));
        Assert.Equal(120, (jwt.ValidTo - jwt.IssuedAt).TotalSeconds);
    }

    [Fact]
    public async Task A_wrong_secret_for_a_registered_client_is_invalid_client()
    {
        var client = await Http.RegisterAsync();

        var response = await Http.TokenAsync("", "grant_type=client_credentials", OAuthClient.Basic(client.Str("client_id"), client.Str("registration_access_token")));

        await fixture.Server.AssertErrorAsync(response, HttpStatusCode.Unauthorized, "invalid_client", ErrorIds.ClientAuthFailed);
    }
}
