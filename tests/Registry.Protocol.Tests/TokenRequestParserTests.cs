using System.Text;
using Registry.Protocol.Errors;
using Registry.Protocol.Tokens;

namespace Registry.Protocol.Tests;

public sealed class TokenRequestParserTests
{
    private static string Basic(string id, string secret) => "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{id}:{secret}"));

    /// <summary>(form body, Authorization header, error code, error id)</summary>
    public static TheoryData<string, string?, string, string> Errors => new()
    {
        { "client_id=a&client_secret=b", null, OAuthErrorCodes.InvalidRequest, ErrorIds.TokenGrantTypeMissing },
        { "grant_type=&client_id=a&client_secret=b", null, OAuthErrorCodes.InvalidRequest, ErrorIds.TokenGrantTypeMissing },
        { "grant_type=password&username=u&password=p", null, OAuthErrorCodes.UnsupportedGrantType, ErrorIds.TokenGrantTypeUnsupported },
        { "grant_type=implicit&client_id=a", null, OAuthErrorCodes.UnsupportedGrantType, ErrorIds.TokenGrantTypeUnsupported },
        { "grant_type=authorization_code&code=x&code_verifier=v&redirect_uri=r", null, OAuthErrorCodes.InvalidClient, ErrorIds.ClientAuthMissing },
        { "grant_type=authorization_code&client_id=a&code_verifier=v&redirect_uri=r", null, OAuthErrorCodes.InvalidRequest, ErrorIds.TokenCodeMissing },
        { "grant_type=authorization_code&client_id=a&code=x&redirect_uri=r", null, OAuthErrorCodes.InvalidRequest, ErrorIds.TokenCodeVerifierMissing },
        { "grant_type=authorization_code&client_id=a&code=x&code_verifier=", null, OAuthErrorCodes.InvalidRequest, ErrorIds.TokenCodeVerifierMissing },
        { "grant_type=authorization_code&client_id=a&code=x&code_verifier=v", null, OAuthErrorCodes.InvalidRequest, ErrorIds.TokenRedirectUriMissing },
        { "grant_type=authorization_code&client_id=a&code=x&code=y&code_verifier=v&redirect_uri=r", null, OAuthErrorCodes.InvalidRequest, ErrorIds.TokenParameterRepeated },
        { "grant_type=refresh_token&client_id=a", null, OAuthErrorCodes.InvalidRequest, ErrorIds.TokenRefreshTokenMissing },
        { $"grant_type=refresh_token&client_id={new string('a', 513)}&refresh_token=r", null, OAuthErrorCodes.InvalidClient, ErrorIds.ClientAuthFailed },
        { "grant_type=client_credentials&scope=a&scope=b", null, OAuthErrorCodes.InvalidRequest, ErrorIds.TokenParameterRepeated },
        { "grant_type=client_credentials", null, OAuthErrorCodes.InvalidClient, ErrorIds.ClientAuthMissing },
        { "grant_type=client_credentials", "", OAuthErrorCodes.InvalidClient, ErrorIds.ClientAuthMissing },
        { "grant_type=client_credentials&client_id=a", null, OAuthErrorCodes.InvalidClient, ErrorIds.ClientAuthMissing },
        { "grant_type=client_credentials&client_secret=b", null, OAuthErrorCodes.InvalidClient, ErrorIds.ClientAuthMissing },
        { "grant_type=client_credentials&client_secret=b", Basic("a", "b"), OAuthErrorCodes.InvalidRequest, ErrorIds.ClientAuthMultipleMethods },
        { "grant_type=client_credentials&client_id=other", Basic("a", "b"), OAuthErrorCodes.InvalidRequest, ErrorIds.ClientAuthClientIdMismatch },
        { "grant_type=client_credentials", "Bearer abc", OAuthErrorCodes.InvalidClient, ErrorIds.ClientAuthUnsupportedScheme },
        { "grant_type=client_credentials", "Basic %%%", OAuthErrorCodes.InvalidClient, ErrorIds.ClientAuthMalformedBasic },
        { "grant_type=client_credentials", "Basic " + Convert.ToBase64String("no-colon"u8.ToArray()), OAuthErrorCodes.InvalidClient, ErrorIds.ClientAuthMalformedBasic },
        { "grant_type=client_credentials", "Basic " + Convert.ToBase64String(":secret"u8.ToArray()), OAuthErrorCodes.InvalidClient, ErrorIds.ClientAuthMalformedBasic },
        { "grant_type=client_credentials", "Basic " + Convert.ToBase64String([0xff, 0x3a, 0x61]), OAuthErrorCodes.InvalidClient, ErrorIds.ClientAuthMalformedBasic },
        { "grant_type=client_credentials", Basic("a", ""), OAuthErrorCodes.InvalidClient, ErrorIds.ClientAuthFailed },
        { "grant_type=client_credentials", "Basic " + new string('A', 4 * 512 + 4), OAuthErrorCodes.InvalidClient, ErrorIds.ClientAuthFailed },
        { $"grant_type=client_credentials&client_id={new string('a', 513)}&client_secret=b", null, OAuthErrorCodes.InvalidClient, ErrorIds.ClientAuthFailed },
        { $"grant_type=client_credentials&client_id=a&client_secret={new string('b', 513)}", null, OAuthErrorCodes.InvalidClient, ErrorIds.ClientAuthFailed },
        { "grant_type=client_credentials&client_id=a&client_secret=b&scope=bad%22scope", null, OAuthErrorCodes.InvalidScope, ErrorIds.TokenScopeSyntax },
    };

    [Theory]
    [MemberData(nameof(Errors))]
    public void Malformed_requests_get_the_rfc6749_error(string body, string? authorization, string code, string id)
    {
        var outcome = TokenRequestParser.Parse(FormBody.Parse(body), authorization);

        Assert.False(outcome.IsSuccess);
        Assert.Equal((code, id), (outcome.Error.Code, outcome.Error.Id));
        Assert.True(outcome.Error.Description.Length > 10, $"'{outcome.Error.Description}' explains nothing");
    }

    [Fact]
    public void Credentials_up_to_their_limits_are_read()
    {
        var (id, secret) = (new string('a', 512), new string('b', 512));
        var post = Parse($"grant_type=client_credentials&client_id={id}&client_secret={secret}", null);

        // Basic: at most 2048 base64 characters (1536 bytes of "id:secret").
        var longest = Parse("grant_type=client_credentials", Basic(new string('a', 767), new string('b', 768)));
        var tooLong = TokenRequestParser.Parse(FormBody.Parse("grant_type=client_credentials"), Basic(new string('a', 767), new string('b', 771)));

        Assert.Equal((id, secret), (post.ClientId, post.ClientSecret));
        Assert.Equal(768, longest.ClientSecret.Length);
        Assert.Equal(ErrorIds.ClientAuthFailed, tooLong.Error?.Id);
    }

    [Fact]
    public void A_public_client_of_the_code_grant_is_identified_by_client_id_alone()
    {
        var request = Parse("grant_type=authorization_code&client_id=app&code=c0de&code_verifier=v&redirect_uri=http%3A%2F%2F127.0.0.1%2Fcb&resource=https%3A%2F%2Fa.example&resource=https%3A%2F%2Fb.example", null);

        Assert.Equal(("app", "", ClientAuthMethod.None), (request.ClientId, request.ClientSecret, request.AuthMethod));
        Assert.Equal(("c0de", "v", "http://127.0.0.1/cb"), (request.Code, request.CodeVerifier, request.RedirectUri));
        Assert.Equal(["https://a.example", "https://b.example"], request.Resources);
        Assert.Null(request.RefreshToken);
    }

    [Fact]
    public void A_refresh_request_carries_its_token_and_a_narrowed_scope()
    {
        var request = Parse("grant_type=refresh_token&refresh_token=abc.def&scope=read", Basic("app", "secret"));

        Assert.Equal(("abc.def", ClientAuthMethod.ClientSecretBasic), (request.RefreshToken, request.AuthMethod));
        Assert.Equal(["read"], request.RequestedScopes);
        Assert.Null(request.Code);
        Assert.Empty(request.Resources);
    }

    [Fact]
    public void Client_secret_post_is_read_from_the_body()
    {
        var request = Parse("client_id=registerClient&grant_type=client_credentials&client_secret=password&scope=register", null);

        Assert.Equal(("registerClient", "password", ClientAuthMethod.ClientSecretPost), (request.ClientId, request.ClientSecret, request.AuthMethod));
        Assert.Equal(["register"], request.RequestedScopes);
    }

    [Fact]
    public void Client_secret_basic_is_form_url_decoded_after_base64_rfc6749_2_3_1()
    {
        var header = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("my%3Aclient:p%40ss+word%C3%A9"));

        var request = Parse("grant_type=client_credentials&client_id=my%3Aclient", header);

        Assert.Equal(("my:client", "p@ss wordé", ClientAuthMethod.ClientSecretBasic), (request.ClientId, request.ClientSecret, request.AuthMethod));
    }

    [Fact]
    public void Basic_scheme_name_is_case_insensitive()
    {
        Assert.Equal("a", Parse("grant_type=client_credentials", "basic " + Convert.ToBase64String("a:b"u8.ToArray())).ClientId);
    }

    [Theory]
    [InlineData("grant_type=client_credentials&client_id=a&client_secret=b", null)]
    [InlineData("grant_type=client_credentials&client_id=a&client_secret=b&scope=", null)]
    [InlineData("grant_type=client_credentials&client_id=a&client_secret=b&scope=+", null)]
    public void No_or_empty_scope_means_the_registered_scopes(string body, string? authorization)
    {
        Assert.Null(Parse(body, authorization).RequestedScopes);
    }

    [Fact]
    public void Requested_scopes_are_split_and_deduplicated()
    {
        Assert.Equal(["openid", "email"], Parse("grant_type=client_credentials&client_id=a&client_secret=b&scope=openid+email%20openid", null).RequestedScopes);
    }

    [Theory]
    [InlineData("a=1&b=two+words&c=%26%3D", new[] { "a", "1", "b", "two words", "c", "&=" })]
    [InlineData("flag&&x=", new[] { "flag", "", "x", "" })]
    [InlineData("=value&a=b=c", new[] { "", "value", "a", "b=c" })]
    [InlineData("%2B+%2b", new[] { "+ +", "" })]
    [InlineData("", new string[0])]
    public void Form_bodies_are_decoded(string body, string[] expected)
    {
        var pairs = FormBody.Parse(body).SelectMany(p => new[] { p.Key, p.Value }).ToArray();

        Assert.Equal(expected, pairs);
    }

    private static TokenRequest Parse(string body, string? authorization)
    {
        var outcome = TokenRequestParser.Parse(FormBody.Parse(body), authorization);
        Assert.True(outcome.IsSuccess, outcome.Error?.Description);
        return outcome.Value;
    }
}
