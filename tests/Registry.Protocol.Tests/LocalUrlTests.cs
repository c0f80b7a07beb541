using Registry.Protocol.Errors;
using Registry.Protocol.Metadata;

namespace Registry.Protocol.Tests;

/// <summary>
/// The URLs a client registers are https and name public hosts, unless the tenant's policy allows local URLs
/// (development): whoever follows them must not be pointed into the deployment's own network.
/// </summary>
public sealed class LocalUrlTests
{
    private static readonly RegistrationPolicy Development = TestData.Policy with { AllowLocalUrls = true };

    public static TheoryData<string> UrlFields =>
        ["client_uri", "logo_uri", "tos_uri", "policy_uri", "sector_identifier_uri", "initiate_login_uri", "logo_uri#fr", "policy_uri#de-CH", "jwks_uri"];

    private static readonly string[] LocalHosts =
    [
        "https://localhost/x", "https://LocalHost:8443/x", "https://localhost./x", "https://app.localhost/x", "https://a.b.LOCALHOST/x",
        "https://127.0.0.1/x", "https://127.255.255.254/x", "https://0.0.0.0/x", "https://0.255.255.255/x",
        "https://10.0.0.1/x", "https://10.255.255.255/x", "https://100.64.0.1/x", "https://100.127.255.255/x",
        "https://169.254.169.254/latest/meta-data", "https://172.16.0.1/x", "https://172.31.255.255/x",
        "https://192.168.0.1/x", "https://192.168.255.255/x", "https://224.0.0.1/x", "https://239.255.255.250/x", "https://255.255.255.255/x",
        "https://[::1]/x", "https://[::]/x", "https://[0:0:0:0:0:0:0:1]:8443/x", "https://[::127.0.0.1]/x",
        "https://[fe80::1]/x", "https://[febf:ffff::1]/x", "https://[fec0::1]/x", "https://[fc00::1]/x", "https://[fdff:ffff::1]/x", "https://[ff02::1]/x",
        "https://[::ffff:127.0.0.1]/x", "https://[::ffff:10.1.2.3]/x", "https://[::ffff:169.254.169.254]/x", "https://[::ffff:c0a8:101]/x",
        "https://2130706433/x", "https://0x7f000001/x",
    ];

    private static readonly string[] PublicHosts =
    [
        "https://a.example/x", "https://localhost.example/x", "https://mylocalhost/x", "https://localhostx.example/x",
        "https://1.0.0.0/x", "https://9.255.255.255/x", "https://11.0.0.0/x", "https://8.8.8.8/x", "https://126.255.255.255/x", "https://128.0.0.0/x",
        "https://100.63.255.255/x", "https://100.128.0.0/x", "https://169.253.255.255/x", "https://169.255.0.0/x", "https://168.254.0.1/x",
        "https://172.15.255.255/x", "https://172.32.0.0/x", "https://171.16.0.1/x", "https://192.167.255.255/x", "https://192.169.0.0/x",
        "https://191.168.0.1/x", "https://223.255.255.255/x",
        "https://[2001:db8::1]/x", "https://[::1:0:0:1]/x", "https://[0:0:0:1::]/x", "https://[fe7f::1]/x", "https://[fbff::1]/x", "https://[fe00::1]/x",
        "https://[fa00::1]/x", "https://[fe7f:ffff::1]/x",
        "https://[::ffff:8.8.8.8]/x", "https://[fe::1]/x", "https://[ff::1]/x",
    ];

    [Theory]
    [MemberData(nameof(UrlFields))]
    public void Local_hosts_are_refused_in_every_url_member(string field)
    {
        foreach (var url in LocalHosts)
        {
            var outcome = Validate(field, url, TestData.Policy);

            Assert.False(outcome.IsSuccess, $"{field}: {url} was accepted");
            Assert.Equal((OAuthErrorCodes.InvalidClientMetadata, ErrorIds.UrlLocalHost, true),
                (outcome.Error.Code, outcome.Error.Id, outcome.Error.Description.StartsWith(field + " ", StringComparison.Ordinal)));
            Assert.True(Validate(field, url, Development).IsSuccess, $"{field}: {url} was refused in development");
        }
    }

    [Theory]
    [MemberData(nameof(UrlFields))]
    public void Public_hosts_are_accepted_in_every_url_member(string field)
    {
        foreach (var url in PublicHosts)
        {
            var outcome = Validate(field, url, TestData.Policy);

            Assert.True(outcome.IsSuccess, $"{field}: {url}: {outcome.Error?.Description}");
        }
    }

    [Theory]
    [InlineData("client_uri", "http://a.example/x", ErrorIds.WebUrlNotHttps)]
    [InlineData("logo_uri", "http://a.example/l.png", ErrorIds.WebUrlNotHttps)]
    [InlineData("tos_uri", "HTTP://a.example/x", ErrorIds.WebUrlNotHttps)]
    [InlineData("policy_uri", "http://localhost/x", ErrorIds.WebUrlNotHttps)]
    [InlineData("sector_identifier_uri", "http://a.example/s.json", ErrorIds.WebUrlNotHttps)]
    [InlineData("initiate_login_uri", "http://a.example/login", ErrorIds.WebUrlNotHttps)]
    [InlineData("client_uri#fr", "http://a.example/fr", ErrorIds.WebUrlNotHttps)]
    [InlineData("sector_identifier_uri", "not a url", ErrorIds.WebUrlInvalid)]
    [InlineData("initiate_login_uri", "ftp://a.example/login", ErrorIds.WebUrlInvalid)]
    [InlineData("jwks_uri", "http://a.example/jwks", ErrorIds.JwksUriNotHttps)]
    [InlineData("jwks_uri", "http://127.0.0.1/jwks", ErrorIds.JwksUriNotHttps)]
    [InlineData("jwks_uri", "http://localhost:8080/jwks", ErrorIds.JwksUriNotHttps)]
    [InlineData("jwks_uri", "https://a.example/jwks#k", ErrorIds.JwksUriNotHttps)]
    public void Without_local_urls_every_url_member_is_https(string field, string url, string id)
    {
        var outcome = Validate(field, url, TestData.Policy);

        Assert.Equal((OAuthErrorCodes.InvalidClientMetadata, id), (outcome.Error?.Code, outcome.Error?.Id));
        Assert.StartsWith(field + " ", outcome.Error!.Description, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("client_uri", "http://a.example/x")]
    [InlineData("logo_uri", "http://localhost:3000/l.png")]
    [InlineData("sector_identifier_uri", "http://10.0.0.5/s.json")]
    [InlineData("initiate_login_uri", "http://[::1]:5000/login")]
    [InlineData("tos_uri#fr", "http://a.example/fr")]
    [InlineData("jwks_uri", "http://127.0.0.1:8080/jwks")]
    [InlineData("jwks_uri", "http://localhost/jwks")]
    [InlineData("jwks_uri", "https://10.0.0.1/jwks")]
    public void A_policy_that_allows_local_urls_accepts_http_and_local_hosts(string field, string url)
    {
        var outcome = Validate(field, url, Development);

        Assert.True(outcome.IsSuccess, outcome.Error?.Description);
    }

    [Theory]
    [InlineData("http://a.example/jwks")]
    [InlineData("http://10.0.0.1/jwks")]
    [InlineData("ftp://127.0.0.1/jwks")]
    [InlineData("http://127.0.0.1/jwks#k")]
    public void Even_then_a_jwks_uri_is_https_or_loopback_http(string url)
    {
        Assert.Equal(ErrorIds.JwksUriNotHttps, Validate("jwks_uri", url, Development).Error?.Id);
    }

    [Fact]
    public void By_default_a_policy_allows_no_local_urls()
    {
        Assert.False(new RegistrationPolicy().AllowLocalUrls);
    }

    [Fact]
    public void The_openid_connect_url_members_are_validated_but_not_registered()
    {
        var request = TestData.Read("""{"grant_types": ["client_credentials"], "sector_identifier_uri": "https://a.example/s", "initiate_login_uri": "https://a.example/l"}""");

        Assert.Equal(("https://a.example/s", "https://a.example/l"), (request.SectorIdentifierUri, request.InitiateLoginUri));
        Assert.True(RegistrationRequestValidator.ValidateCreate(request, TestData.Policy).IsSuccess);
    }

    private static Outcome<ClientMetadata> Validate(string field, string url, RegistrationPolicy policy) =>
        RegistrationRequestValidator.ValidateCreate(TestData.Read($$"""{"grant_types": ["client_credentials"], "{{field}}": "{{url}}"}"""), policy);
}
