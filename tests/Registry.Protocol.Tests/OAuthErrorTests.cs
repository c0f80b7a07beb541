using Registry.Protocol.Errors;

namespace Registry.Protocol.Tests;

public sealed class OAuthErrorTests
{
    public static TheoryData<Func<string, string, OAuthError>, string> Factories => new()
    {
        { OAuthError.InvalidRequest, OAuthErrorCodes.InvalidRequest },
        { OAuthError.InvalidClient, OAuthErrorCodes.InvalidClient },
        { OAuthError.UnauthorizedClient, OAuthErrorCodes.UnauthorizedClient },
        { OAuthError.UnsupportedGrantType, OAuthErrorCodes.UnsupportedGrantType },
        { OAuthError.InvalidScope, OAuthErrorCodes.InvalidScope },
        { OAuthError.InvalidToken, OAuthErrorCodes.InvalidToken },
        { OAuthError.InsufficientScope, OAuthErrorCodes.InsufficientScope },
        { OAuthError.InvalidRedirectUri, OAuthErrorCodes.InvalidRedirectUri },
        { OAuthError.InvalidClientMetadata, OAuthErrorCodes.InvalidClientMetadata },
        { OAuthError.TemporarilyUnavailable, OAuthErrorCodes.TemporarilyUnavailable },
        { OAuthError.ServerError, OAuthErrorCodes.ServerError },
    };

    [Theory]
    [MemberData(nameof(Factories))]
    public void Each_factory_carries_its_rfc_code_and_the_given_id(Func<string, string, OAuthError> create, string code)
    {
        var error = create("area.reason", "what went wrong");

        Assert.Equal((code, "area.reason", "what went wrong"), (error.Code, error.Id, error.Description));
    }

    [Theory]
    [InlineData("bad \"value\" \\ é \u0001 end", "bad ?value? ? ? ? end")]
    [InlineData("\"\\\u007f\u0080", "????")]
    [InlineData(" !#[]~ az AZ 09", " !#[]~ az AZ 09")]
    public void Descriptions_keep_only_the_rfc6749_character_set(string description, string expected)
    {
        Assert.Equal(expected, OAuthError.InvalidRequest("x", description).Description);
    }

    [Theory]
    [InlineData(299, 299)]
    [InlineData(300, 300)]
    [InlineData(301, 300)]
    [InlineData(5000, 300)]
    public void Descriptions_are_bounded_to_300_characters(int length, int expected)
    {
        Assert.Equal(expected, OAuthError.InvalidRequest("x", new string('a', length)).Description.Length);
    }

    [Fact]
    public void Every_error_id_is_distinct_and_shaped_area_dot_reason()
    {
        var ids = typeof(ErrorIds).GetFields().Select(f => (string)f.GetValue(null)!).ToList();

        Assert.True(ids.Count > 50);
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
        Assert.All(ids, id => Assert.Matches("^[a-z0-9_]+\\.[a-z0-9_]+$", id));
    }
}
