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
        { "grant_type=authorization_code&code=x", null, OAuthErrorCodes.UnsupportedGrantType, ErrorIds.TokenGrantTypeUnsupported },
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
