using Registry.Protocol.Errors;
using Registry.Protocol.Metadata;

namespace Registry.Protocol.Tests;

/// <summary>
/// RFC 8252 §7.3 / §8.3: plain http is allowed only for the loopback interface, named by an IP literal
/// (127.0.0.0/8, [::1]) or "localhost". Host names that merely start like a loopback name are someone
/// else's hosts.
/// </summary>
public sealed class LoopbackRedirectUriTests
{
    public static TheoryData<string> NotLoopback =>
    [
        "http://localhost.evil.example/cb",
        "http://127.0.0.1.evil.example/cb",
        "http://localhost.localdomain/cb",
        "http://[::2]/cb",
        "http://[fe80::1]/cb",
        "http://0.0.0.0/cb",
        "http://128.0.0.1/cb",
        "http://evil.example/127.0.0.1/cb",
    ];

    /// <summary>Userinfo that looks like a loopback host before the real host: refused for the userinfo itself.</summary>
    public static TheoryData<string> LoopbackUserinfo =>
    [
        "http://127.0.0.1@evil.example/cb",
        "http://localhost@evil.example/cb",
        "http://localhost:80@evil.example/cb",
    ];

    public static TheoryData<string> NotAUri =>
    [
        "http://[::1]x/cb",
        "http://[::1/cb",
        "http://[localhost]/cb",
    ];

    public static TheoryData<string> Loopback =>
    [
        "http://127.0.0.1/cb",
        "http://127.0.0.1:49152/cb",
        "http://127.1.2.3/cb",
        "http://[::1]/cb",
        "http://[::1]:8080/cb",
        "http://[0:0:0:0:0:0:0:1]/cb",
        "http://localhost/cb",
        "http://localhost:3000/cb",
    ];

    [Theory]
    [MemberData(nameof(NotLoopback))]
    public void Http_to_a_host_that_only_looks_like_loopback_is_refused_for_web_and_native_clients(string uri)
    {
        foreach (var applicationType in new[] { "web", "native" })
        {
            var outcome = Validate(applicationType, uri);

            Assert.False(outcome.IsSuccess, $"{applicationType}: {uri} was accepted");
            Assert.Equal((OAuthErrorCodes.InvalidRedirectUri, ErrorIds.RedirectUriNotHttps), (outcome.Error.Code, outcome.Error.Id));
        }
    }

    [Theory]
    [MemberData(nameof(LoopbackUserinfo))]
    public void Loopback_userinfo_before_another_host_is_refused_for_web_and_native_clients(string uri)
    {
        foreach (var applicationType in new[] { "web", "native" })
        {
            var outcome = Validate(applicationType, uri);

            Assert.Equal((OAuthErrorCodes.InvalidRedirectUri, ErrorIds.RedirectUriUserinfo), (outcome.Error?.Code, outcome.Error?.Id));
        }
    }

    [Theory]
    [MemberData(nameof(NotAUri))]
    public void Malformed_bracketed_hosts_are_not_uris(string uri)
    {
        var outcome = Validate("native", uri);

        Assert.Equal((OAuthErrorCodes.InvalidRedirectUri, ErrorIds.RedirectUriNotAbsolute), (outcome.Error?.Code, outcome.Error?.Id));
    }

    [Theory]
    [MemberData(nameof(Loopback))]
    public void Http_to_the_loopback_interface_is_accepted(string uri)
    {
        foreach (var applicationType in new[] { "web", "native" })
        {
            var outcome = Validate(applicationType, uri);

            Assert.True(outcome.IsSuccess, $"{applicationType}: {uri}: {outcome.Error?.Description}");
        }
    }

    [Theory]
    [MemberData(nameof(NotLoopback))]
    public void A_jwks_uri_on_such_a_host_must_be_https(string uri)
    {
        var outcome = RegistrationRequestValidator.ValidateCreate(
            TestData.Read($$"""{"grant_types": ["client_credentials"], "jwks_uri": "{{uri}}"}"""), TestData.Policy);

        Assert.Equal((OAuthErrorCodes.InvalidClientMetadata, ErrorIds.JwksUriNotHttps), (outcome.Error?.Code, outcome.Error?.Id));
    }

    private static Outcome<ClientMetadata> Validate(string applicationType, string uri) =>
        RegistrationRequestValidator.ValidateCreate(
            TestData.Read($$"""{"grant_types": ["authorization_code"], "application_type": "{{applicationType}}", "redirect_uris": ["{{uri}}"]}"""),
            TestData.Policy);
}
