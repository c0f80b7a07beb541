using System.Net;
using System.Text;
using Xunit;

namespace Registry.Testing.Authorization;

/// <summary>
/// One user's browser running the front channel of the authorization code flow against a tenant's issuer
/// <see cref="Issuer"/>: its own cookies, redirects followed one at a time (never automatically), the client's
/// redirect URI never fetched. Each step is a method so a test can stop anywhere and look, or tamper.
/// The whole way: GET I/authorize → upstream /authorize → I/authorize/callback → I/authorize → consent page
/// → POST I/authorize/consent → the client's redirect URI with code, state and iss.
/// </summary>
public sealed class AuthorizationFlow : IDisposable
{
    private const int MaxHops = 8;

    public AuthorizationFlow(string issuer)
    {
        Issuer = issuer.TrimEnd('/');
        Http = new HttpClient(new TraceParentHandler(new SocketsHttpHandler { AllowAutoRedirect = false, CookieContainer = Cookies, UseCookies = true }));
    }

    public string Issuer { get; }

    public CookieContainer Cookies { get; } = new();

    public HttpClient Http { get; }

    /// <summary>The last response a step received (for failure messages).</summary>
    public HttpResponseMessage? Last { get; private set; }

    /// <summary>GET I/authorize with <paramref name="request"/>'s query.</summary>
    public Task<HttpResponseMessage> StartAsync(AuthorizationRequest request) => GetAsync(new Uri($"{Issuer}/authorize?{request.ToQuery()}"));

    /// <summary>GET I/authorize with a raw query (without "?").</summary>
    public Task<HttpResponseMessage> StartAsync(string query) => GetAsync(new Uri($"{Issuer}/authorize?{query}"));

    /// <summary>Follows one redirect (301, 302, 303, 307): GET its Location, resolved against the request's address.</summary>
    public Task<HttpResponseMessage> FollowAsync(HttpResponseMessage redirect)
    {
        Assert.True(IsRedirect(redirect), $"expected a redirect, got {Describe(redirect)}");
        return GetAsync(LocationOf(redirect));
    }

    /// <summary>
    /// Follows redirects from <paramref name="response"/> until one leads to the client's redirect URI (answered,
    /// not fetched) or a response is not a redirect (a page: consent or error).
    /// </summary>
    public async Task<HttpResponseMessage> FollowToClientOrPageAsync(HttpResponseMessage response, string redirectUri)
    {
        for (var hop = 0; IsRedirect(response) && !IsAt(LocationOf(response), redirectUri); hop++)
        {
            Assert.True(hop < MaxHops, $"more than {MaxHops} redirects; last {Describe(response)}");
            response = await FollowAsync(response);
        }

        return response;
    }

    /// <summary>Sign-in (through the upstream) up to the consent page or the redirect to the client.</summary>
    public async Task<HttpResponseMessage> SignInAsync(AuthorizationRequest request) =>
        await FollowToClientOrPageAsync(await StartAsync(request), request.RedirectUri);

    /// <summary>Reads <paramref name="page"/> as the consent page (200 text/html with the form).</summary>
    public static async Task<ConsentPage> ConsentPageAsync(HttpResponseMessage page)
    {
        var html = await page.Content.ReadAsStringAsync();
        Assert.True(page.StatusCode == HttpStatusCode.OK, $"expected the consent page, got {(int)page.StatusCode} {page.Headers.Location}: {html}");
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        return ConsentPage.Parse(page.RequestMessage!.RequestUri!, html);
    }

    /// <summary>POST I/authorize/consent as the form would, with <paramref name="decision"/>; csrf and request may be overridden to tamper.</summary>
    public Task<HttpResponseMessage> DecideAsync(ConsentPage page, string decision = "approve", string? csrf = null, string? request = null)
    {
        var fields = new List<KeyValuePair<string, string>>
        {
            new("request", request ?? page.Request),
            new("csrf", csrf ?? page.Csrf),
            new("decision", decision),
        };
        return SendAsync(new HttpRequestMessage(HttpMethod.Post, page.Action) { Content = new FormUrlEncodedContent(fields) });
    }

    /// <summary>The redirect to the client's <paramref name="redirectUri"/> that <paramref name="response"/> is, parsed.</summary>
    public static ClientRedirect AtClient(HttpResponseMessage response, string redirectUri)
    {
        Assert.True(IsRedirect(response), $"expected a redirect to {redirectUri}, got {Describe(response)}");
        var location = LocationOf(response);
        Assert.True(IsAt(location, redirectUri), $"expected a redirect to {redirectUri}, got one to {location}");
        return ClientRedirect.Parse(location);
    }

    /// <summary>The whole front channel with approval (when asked): the client's redirect, successful or not.</summary>
    public async Task<ClientRedirect> AuthorizeAsync(AuthorizationRequest request)
    {
        var response = await SignInAsync(request);
        if (response.StatusCode == HttpStatusCode.OK)
        {
            response = await DecideAsync(await ConsentPageAsync(response));
        }

        return AtClient(response, request.RedirectUri);
    }

    /// <summary>The whole front channel, asserting it ends with a code (and the request's state, and iss = the issuer).</summary>
    public async Task<string> CodeAsync(AuthorizationRequest request)
    {
        var redirect = await AuthorizeAsync(request);
        Assert.True(redirect.Code is not null, $"no code: {redirect}");
        Assert.Equal(request.State, redirect.State);
        Assert.Equal(Issuer, redirect.Iss);
        return redirect.Code!;
    }

    public void Dispose() => Http.Dispose();

    public static bool IsRedirect(HttpResponseMessage response) =>
        response.StatusCode is HttpStatusCode.Moved or HttpStatusCode.Found or HttpStatusCode.SeeOther or HttpStatusCode.TemporaryRedirect
        && response.Headers.Location is not null;

    public static Uri LocationOf(HttpResponseMessage response) =>
        response.Headers.Location is { IsAbsoluteUri: true } absolute ? absolute : new Uri(response.RequestMessage!.RequestUri!, response.Headers.Location!);

    /// <summary>Whether <paramref name="location"/> is <paramref name="redirectUri"/> with parameters added.</summary>
    public static bool IsAt(Uri location, string redirectUri)
    {
        var text = location.OriginalString;
        return text == redirectUri || text.StartsWith(redirectUri + (redirectUri.Contains('?', StringComparison.Ordinal) ? "&" : "?"), StringComparison.Ordinal);
    }

    public static string Describe(HttpResponseMessage response)
    {
        var text = new StringBuilder($"{(int)response.StatusCode} from {response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}");
        if (response.Headers.Location is { } location)
        {
            text.Append(" → ").Append(location);
        }

        var body = response.Content.ReadAsStringAsync().GetAwaiter().GetResult();
        return text.Append(": ").Append(body.Length > 2000 ? body[..2000] : body).ToString();
    }

    private Task<HttpResponseMessage> GetAsync(Uri address) => SendAsync(new HttpRequestMessage(HttpMethod.Get, address));

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request)
    {
        Last = await Http.SendAsync(request);
        await Last.Content.LoadIntoBufferAsync();
        return Last;
    }
}
