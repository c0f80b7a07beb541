using Registry.Protocol.Errors;

namespace Registry.Protocol.Tests;

public sealed class OAuthErrorTests
{
    [Theory]
    [InlineData(OAuthErrorCodes.InvalidRequest, 400)]
    [InlineData(OAuthErrorCodes.InvalidClient, 401)]
    [InlineData(OAuthErrorCodes.InvalidGrant, 400)]
    [InlineData(OAuthErrorCodes.UnauthorizedClient, 400)]
    [InlineData(OAuthErrorCodes.UnsupportedGrantType, 400)]
    [InlineData(OAuthErrorCodes.InvalidScope, 400)]
    [InlineData(OAuthErrorCodes.InvalidToken, 401)]
    [InlineData(OAuthErrorCodes.InsufficientScope, 403)]
    [InlineData(OAuthErrorCodes.InvalidClientMetadata, 400)]
    [InlineData(OAuthErrorCodes.InvalidRedirectUri, 400)]
    [InlineData(OAuthErrorCodes.TemporarilyUnavailable, 503)]
    public void Codes_map_to_their_rfc_status(string code, int status)
    {
        Assert.Equal(status, OAuthError.Of(code, "x").Status);
    }

    [Fact]
    public void Transport_errors_keep_invalid_request_with_their_own_status()
    {
        Assert.Equal((OAuthErrorCodes.InvalidRequest, 413), (OAuthError.PayloadTooLarge("x").Code, OAuthError.PayloadTooLarge("x").Status));
        Assert.Equal(415, OAuthError.UnsupportedMediaType("x").Status);
        Assert.Equal(405, OAuthError.MethodNotAllowed("x").Status);
    }

    [Fact]
    public void Descriptions_are_limited_to_the_rfc6749_character_set()
    {
        var error = OAuthError.InvalidClientMetadata("bad \"value\" \\ é \u0001 end");

        Assert.Equal("bad ?value? ? ? ? end", error.Description);
    }

    [Fact]
    public void Descriptions_are_bounded()
    {
        Assert.Equal(300, OAuthError.InvalidRequest(new string('a', 5000)).Description.Length);
    }
}
