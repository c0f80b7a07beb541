using Registry.Protocol.Errors;
using Registry.Protocol.Tokens;

namespace Registry.Protocol.Tests;

/// <summary>Introspection (RFC 7662 §2.1) and revocation (RFC 7009 §2.1) request bodies.</summary>
public sealed class TokenHandlingRequestParserTests
{
    [Fact]
    public void Token_hint_and_post_credentials_are_read()
    {
        var request = TokenHandlingRequestParser.Parse(FormBody.Parse("token=abc&token_type_hint=refresh_token&client_id=c&client_secret=s"), null);

        Assert.Equal(new TokenHandlingRequest("abc", "refresh_token", "c", "s", ClientAuthMethod.ClientSecretPost), request.Value);
    }

    [Fact]
    public void A_client_id_alone_is_a_public_client_and_an_empty_hint_is_none()
    {
        var request = TokenHandlingRequestParser.Parse(FormBody.Parse("token=abc&token_type_hint=&client_id=c"), null);

        Assert.Equal(new TokenHandlingRequest("abc", null, "c", "", ClientAuthMethod.None), request.Value);
    }

    [Theory]
    [InlineData("token_type_hint=access_token&client_id=c&client_secret=s", ErrorIds.TokenHandlingTokenMissing)]
    [InlineData("token=a&token=b&client_id=c&client_secret=s", ErrorIds.TokenParameterRepeated)]
    [InlineData("token=a", ErrorIds.ClientAuthMissing)]
    [InlineData("token=a&client_secret=s", ErrorIds.ClientAuthMissing)]
    public void Malformed_requests_are_refused_with_their_error_id(string body, string errorId)
    {
        Assert.Equal(errorId, TokenHandlingRequestParser.Parse(FormBody.Parse(body), null).Error?.Id);
    }

    [Fact]
    public void Credentials_are_checked_before_the_token()
    {
        Assert.Equal(ErrorIds.ClientAuthMalformedBasic, TokenHandlingRequestParser.Parse(FormBody.Parse(""), "Basic bm9jb2xvbg==").Error?.Id);
    }
}
