using Microsoft.AspNetCore.Http;
using Registry.Gateway.Tokens;

namespace Registry.Gateway.Tests;

/// <summary>How the registration endpoints read their bearer tokens (RFC 6750 §2.1), before anything is asked of a grain.</summary>
public sealed class RegistrationAccessTests
{
    private const string ClientId = "AAAAAAAAAAAAAAAAAAAAAA";

    [Theory]
    [InlineData("Bearer abc", "abc")]
    [InlineData("bearer abc", "abc")]
    [InlineData("BEARER   abc  ", "abc")]
    [InlineData("Bearer ", null)]
    [InlineData("Bearer    ", null)]
    [InlineData("Basic abc", null)]
    [InlineData("abc", null)]
    [InlineData("", null)]
    public void A_bearer_token_is_read_from_the_authorization_header_only(string header, string? token)
    {
        Assert.Equal(token, BearerTokenValidator.ReadBearer(Request(header)));
    }

    [Fact]
    public void Tokens_up_to_8192_characters_are_read_and_longer_ones_are_not()
    {
        var longest = new string('a', 8192);

        Assert.Equal(longest, BearerTokenValidator.ReadBearer(Request("Bearer " + longest)));
        Assert.Null(BearerTokenValidator.ReadBearer(Request("Bearer " + longest + "a")));
    }

    [Theory]
    [InlineData(ClientId, "rat")]
    [InlineData("not-a-client-id", null)]
    [InlineData("AAAAAAAAAAAAAAAAAAAAA", null)]
    [InlineData("AAAAAAAAAAAAAAAAAAAAA!", null)]
    public void A_registration_token_is_read_only_for_a_well_formed_client_id(string clientId, string? token)
    {
        Assert.Equal(token, RegistrationAccess.TokenFor(Request("Bearer rat"), clientId));
    }

    private static HttpRequest Request(string authorization)
    {
        var http = new DefaultHttpContext();
        http.Request.Headers.Authorization = authorization;
        return http.Request;
    }
}
