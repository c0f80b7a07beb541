using Registry.Protocol.Authorization;

namespace Registry.Protocol.Tests.Authorization;

/// <summary>
/// Redirect URI matching (RFC 6749 section 3.1.2.3, Security BCP section 4.1.3): exact string comparison, except that an
/// http loopback redirect URI accepts any port (RFC 8252 section 7.3) — everything else about it must still be equal.
/// </summary>
public sealed class RedirectUrisTests
{
    /// <summary>(registered, requested) pairs that match: the requested URI, with its own port, is the one answered at.</summary>
    public static TheoryData<string, string> Matching => new()
    {
        { "https://app.example/cb", "https://app.example/cb" },
        { "https://app.example/cb?x=1", "https://app.example/cb?x=1" },
        { "com.example.app:/oauth2redirect", "com.example.app:/oauth2redirect" },
        { "https://app.example:8443/cb", "https://app.example:8443/cb" },
        // RFC 8252 section 7.3: any port on a loopback redirect URI over http
        { "http://127.0.0.1/cb", "http://127.0.0.1:51234/cb" },
        { "http://127.0.0.1:8080/cb", "http://127.0.0.1:9090/cb" },
        { "http://127.0.0.1:8080/cb", "http://127.0.0.1/cb" },
        { "http://127.0.0.1/cb", "http://127.0.0.1:80/cb" },
        { "http://[::1]/cb", "http://[::1]:51234/cb" },
        { "http://[::1]:1/cb", "http://[::1]:65535/cb" },
        { "http://localhost/cb", "http://localhost:3000/cb" },
        { "http://localhost:3000/callback/", "http://localhost:3001/callback/" },
        { "http://127.0.0.1/cb?app=cli&v=2", "http://127.0.0.1:4000/cb?app=cli&v=2" },
        { "http://127.0.0.1", "http://127.0.0.1:4000" },
        { "http://127.0.0.1?app=cli", "http://127.0.0.1:4000?app=cli" },
        { "http://127.0.0.1:5000", "http://127.0.0.1:4000" },
    };

    [Theory]
    [MemberData(nameof(Matching))]
    public void A_matching_redirect_uri_is_answered_at_as_requested(string registered, string requested)
    {
        List<string> registrations = ["https://first.example/cb", registered, "https://last.example/cb"];

        Assert.Equal(requested, RedirectUris.Resolve(registrations, requested));
    }

    /// <summary>(registered, requested) pairs that do not match.</summary>
    public static TheoryData<string, string> NotMatching => new()
    {
        // exact comparison: case, trailing slash, query, port all count
        { "https://app.example/cb", "https://app.example/cb/" },
        { "https://app.example/cb", "https://APP.example/cb" },
        { "https://app.example/cb", "https://app.example/CB" },
        { "https://app.example/cb", "https://app.example/cb?x=1" },
        { "https://app.example/cb?x=1", "https://app.example/cb?x=2" },
        { "https://app.example/cb", "https://app.example/cb#x" },
        { "https://app.example/cb", "https://app.example/cb/../cb" },
        { "com.example.app:/cb", "com.example.app:/cb2" },
        // https is never port-flexible, not even on a loopback host
        { "https://app.example/cb", "https://app.example:8443/cb" },
        { "https://app.example:443/cb", "https://app.example/cb" },
        { "https://127.0.0.1/cb", "https://127.0.0.1:8443/cb" },
        { "https://localhost:8443/cb", "https://localhost:9443/cb" },
        { "https://[::1]/cb", "https://[::1]:8443/cb" },
        // nor is http on a host that is not a loopback one
        { "http://app.example/cb", "http://app.example:8080/cb" },
        { "http://127.0.0.2/cb", "http://127.0.0.2:8080/cb" },
        { "http://localhost.example/cb", "http://localhost.example:8080/cb" },
        { "http://10.0.0.1/cb", "http://10.0.0.1:8080/cb" },
        // scheme and host must be equal
        { "https://127.0.0.1/cb", "http://127.0.0.1:8080/cb" },
        { "http://127.0.0.1/cb", "https://127.0.0.1:8080/cb" },
        { "http://127.0.0.1/cb", "http://localhost:8080/cb" },
        { "http://localhost/cb", "http://127.0.0.1:8080/cb" },
        { "http://[::1]/cb", "http://127.0.0.1:8080/cb" },
        { "http://127.0.0.1/cb", "http://[::1]:8080/cb" },
        // path and query must be equal
        { "http://127.0.0.1/cb", "http://127.0.0.1:8080/cb2" },
        { "http://127.0.0.1/cb", "http://127.0.0.1:8080/CB" },
        { "http://127.0.0.1/cb", "http://127.0.0.1:8080/cb/" },
        { "http://127.0.0.1/cb", "http://127.0.0.1:8080/" },
        { "http://127.0.0.1/", "http://127.0.0.1:8080" },
        { "http://127.0.0.1", "http://127.0.0.1:8080/" },
        { "http://127.0.0.1/cb", "http://127.0.0.1:8080/cb?x=1" },
        { "http://127.0.0.1/cb?x=1", "http://127.0.0.1:8080/cb" },
        { "http://127.0.0.1/cb?x=1", "http://127.0.0.1:8080/cb?x=2" },
        { "http://127.0.0.1?x=1", "http://127.0.0.1:8080?x=2" },
        { "http://127.0.0.1?x=1", "http://127.0.0.1:8080" },
        // texts that parse to the same path are still different texts
        { "http://127.0.0.1/cb", "http://127.0.0.1:8080/a/../cb" },
        { "http://127.0.0.1/cb", "http://127.0.0.1:8080/./cb" },
        { "http://127.0.0.1/cb", "http://127.0.0.1:8080/%63b" },
        { "http://127.0.0.1/cb", "HTTP://127.0.0.1:8080/cb" },
        { "http://localhost/cb", "http://LOCALHOST:8080/cb" },
        // userinfo and fragments are refused even where the rest matches
        { "http://127.0.0.1/cb", "http://user@127.0.0.1:8080/cb" },
        { "http://127.0.0.1/cb", "http://127.0.0.1:8080@127.0.0.1/cb" },
        { "http://127.0.0.1/cb#top", "http://127.0.0.1:8080/cb#top" },
        // what does not parse never matches but exactly
        { "http://127.0.0.1/cb", "http://127.0.0.1:port/cb" },
        { "http://127.0.0.1/cb", "/cb" },
        { "not a uri", "http://127.0.0.1:8080/cb" },
    };

    [Theory]
    [MemberData(nameof(NotMatching))]
    public void A_redirect_uri_that_differs_in_anything_but_a_loopback_port_is_refused(string registered, string requested)
    {
        Assert.Null(RedirectUris.Resolve([registered], requested));
    }

    [Fact]
    public void Without_a_requested_uri_the_only_registered_one_is_used()
    {
        Assert.Equal("https://app.example/cb", RedirectUris.Resolve(["https://app.example/cb"], null));
    }

    /// <summary>RFC 6749 section 3.1.2.3: with several (or no) registered URIs the request must name one.</summary>
    [Fact]
    public void Without_a_requested_uri_several_or_none_registered_resolve_to_nothing()
    {
        Assert.Null(RedirectUris.Resolve(["https://app.example/a", "https://app.example/b"], null));
        Assert.Null(RedirectUris.Resolve([], null));
        Assert.Null(RedirectUris.Resolve([], "https://app.example/cb"));
    }

    /// <summary>(URI, loopback over http) — 127.0.0.1, [::1] and localhost only, over http only.</summary>
    public static TheoryData<string, bool> Loopbacks => new()
    {
        { "http://127.0.0.1/cb", true },
        { "http://127.0.0.1:8080/cb", true },
        { "http://[::1]:8080/cb", true },
        { "http://localhost/cb", true },
        { "http://LocalHost:1/cb", true },
        { "https://127.0.0.1/cb", false },
        { "https://[::1]/cb", false },
        { "https://localhost/cb", false },
        { "http://127.0.0.2/cb", false },
        { "http://0.0.0.0/cb", false },
        { "http://10.1.2.3/cb", false },
        { "http://localhost.example/cb", false },
        { "http://app.localhost/cb", false },
        { "http://app.example/cb", false },
        { "ftp://127.0.0.1/cb", false },
        { "com.example.app://localhost/cb", false },
    };

    [Theory]
    [MemberData(nameof(Loopbacks))]
    public void Loopback_http_is_127_0_0_1_ipv6_loopback_or_localhost_over_http(string uri, bool loopback)
    {
        Assert.Equal(loopback, RedirectUris.IsLoopbackHttp(new Uri(uri)));
    }
}
