using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Registry.Gateway.Tests.Infrastructure;

namespace Registry.Gateway.Tests.Authorization;

/// <summary>
/// An upstream OpenID Provider and a gateway federated to it: the default tenant (admin_token registration, public
/// clients allowed, resources <see cref="Api"/> and <see cref="OtherApi"/>), tenant "strict" (no public clients) and
/// tenant "open" (open registration, public clients allowed). Each tenant's callback is registered at the upstream.
/// </summary>
public sealed class AuthorizationFixture : IAsyncLifetime
{
    public const string Api = "https://api.example/mcp";
    public const string OtherApi = "https://other.example/";
    public const string Strict = "/tenants/strict";
    public const string Open = "/tenants/open";
    public const string StrictSecret = "strict-bootstrap-secret-0123456789abcdef";
    public const string Scope = "notes.read notes.write";
    public const string AppRedirect = "https://app.example/callback";

    public UpstreamProvider Upstream { get; private set; } = null!;

    public RegistryServer Server { get; private set; } = null!;

    public HttpClient Http => Server.Http;

    public async Task InitializeAsync()
    {
        Upstream = await UpstreamProvider.StartAsync();
        var settings = new Dictionary<string, string>(RegistryServer.UnthrottledTenants("default", "strict", "open"))
        {
            ["Registry:Tenants:default:AllowedTokenEndpointAuthMethods:0"] = "client_secret_basic",
            ["Registry:Tenants:default:AllowedTokenEndpointAuthMethods:1"] = "client_secret_post",
            ["Registry:Tenants:default:AllowedTokenEndpointAuthMethods:2"] = "none",
            ["Registry:Tenants:default:AllowedResources:0"] = Api,
            ["Registry:Tenants:default:AllowedResources:1"] = OtherApi,
            ["Registry:Tenants:strict:AdminClientSecret"] = StrictSecret,
            ["Registry:Tenants:strict:AllowedTokenEndpointAuthMethods:0"] = "client_secret_basic",
            ["Registry:Tenants:strict:AllowedTokenEndpointAuthMethods:1"] = "client_secret_post",
            ["Registry:Tenants:strict:AllowedResources:0"] = Api,
            ["Registry:Tenants:open:RegistrationMode"] = "open",
            ["Registry:Tenants:open:AdminClientSecret"] = StrictSecret,
            ["Registry:Tenants:open:AllowedTokenEndpointAuthMethods:0"] = "client_secret_basic",
            ["Registry:Tenants:open:AllowedTokenEndpointAuthMethods:1"] = "none",
            ["Registry:Tenants:open:AllowedResources:0"] = Api,
        };
        foreach (var tenant in (List<string>)["default", "strict", "open"])
        {
            settings[$"Registry:Tenants:{tenant}:Upstream:Issuer"] = Upstream.Issuer;
            settings[$"Registry:Tenants:{tenant}:Upstream:ClientId"] = Upstream.ClientId;
            settings[$"Registry:Tenants:{tenant}:Upstream:ClientSecret"] = Upstream.ClientSecret;
            settings[$"Registry:Tenants:{tenant}:AllowedScopes:0"] = "notes.read";
            settings[$"Registry:Tenants:{tenant}:AllowedScopes:1"] = "notes.write";
        }

        Server = await RegistryServer.StartAsync(settings);
        foreach (var prefix in (List<string>)["", Strict, Open])
        {
            Upstream.AllowRedirectUri(CallbackOf(prefix));
        }
    }

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        await Upstream.DisposeAsync();
    }

    /// <summary>The issuer of the tenant at <paramref name="prefix"/> ("" for the default tenant).</summary>
    public string IssuerOf(string prefix = "") => Server.Issuer + prefix;

    /// <summary>Where the upstream sends the user back to the tenant at <paramref name="prefix"/>.</summary>
    public string CallbackOf(string prefix = "") => IssuerOf(prefix) + "/authorize/callback";

    /// <summary>A fresh browser (no cookies) at the tenant at <paramref name="prefix"/>.</summary>
    public AuthorizationFlow Browser(string prefix = "") => new(IssuerOf(prefix));

    /// <summary>
    /// Registers a client for the authorization code flow (with refresh tokens unless <paramref name="grantTypes"/>
    /// says otherwise) at the tenant at <paramref name="prefix"/>, with the admin token where the tenant wants one.
    /// </summary>
    public async Task<JsonElement> RegisterAsync(string prefix = "", string authMethod = "client_secret_basic", string redirectUri = AppRedirect,
        string clientName = "Notes app", string grantTypes = """["authorization_code","refresh_token"]""", string? extraMembers = null, string? secondRedirectUri = null, bool open = false)
    {
        var body = $$"""
            {"client_name": {{JsonSerializer.Serialize(clientName)}}, "grant_types": {{grantTypes}}, "response_types": ["code"],
             "redirect_uris": [{{JsonSerializer.Serialize(redirectUri)}}{{(secondRedirectUri is null ? "" : ", " + JsonSerializer.Serialize(secondRedirectUri))}}], "token_endpoint_auth_method": "{{authMethod}}", "scope": "{{Scope}}"{{extraMembers}}}
            """;
        using var response = await RegisterRawAsync(prefix, body, open);
        var json = await response.JsonAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, json.ToString());
        return json;
    }

    /// <summary>POST I/register with <paramref name="body"/> as-is: no token at "open" (or when <paramref name="open"/>), else the tenant's admin token.</summary>
    public async Task<HttpResponseMessage> RegisterRawAsync(string prefix, string body, bool open = false)
    {
        var token = prefix switch
        {
            _ when open => null,
            Open => null,
            Strict => await Http.AdminTokenAsync(Strict, secret: StrictSecret),
            _ => await Http.AdminTokenAsync(prefix),
        };
        return await Http.SendJsonAsync(HttpMethod.Post, prefix + "/register", token, body);
    }

    /// <summary>A well-formed authorization request of <paramref name="client"/> for its first redirect URI and <see cref="Scope"/>.</summary>
    public static AuthorizationRequest RequestFor(JsonElement client) =>
        new(client.Str("client_id"), client.GetProperty("redirect_uris")[0].GetString()!) { Scope = Scope };

    /// <summary>Runs the front channel in a fresh browser up to a code for <paramref name="request"/>.</summary>
    public async Task<string> CodeAsync(AuthorizationRequest request, string prefix = "")
    {
        using var browser = Browser(prefix);
        return await browser.CodeAsync(request);
    }

    /// <summary>POST I/token for <paramref name="client"/>: client_secret_basic, client_secret_post or none (client_id in the form) as it registered.</summary>
    public Task<HttpResponseMessage> TokenAsync(JsonElement client, string form, string prefix = "")
    {
        var method = client.TryGetProperty("token_endpoint_auth_method", out var m) ? m.GetString() : "client_secret_basic";
        AuthenticationHeaderValue? basic = null;
        switch (method)
        {
            case "none":
                form += "&client_id=" + Uri.EscapeDataString(client.Str("client_id"));
                break;
            case "client_secret_post":
                form += $"&client_id={Uri.EscapeDataString(client.Str("client_id"))}&client_secret={Uri.EscapeDataString(client.Str("client_secret"))}";
                break;
            default:
                basic = OAuthClient.Basic(client);
                break;
        }

        return Http.TokenAsync(prefix, form, basic);
    }

    /// <summary>Redeems <paramref name="code"/> as <paramref name="request"/>'s client would; asserts 200 and answers the token response.</summary>
    public async Task<JsonElement> RedeemAsync(JsonElement client, AuthorizationRequest request, string code, string prefix = "", string? resource = null)
    {
        using var response = await TokenAsync(client, request.TokenForm(code, resource), prefix);
        var body = await response.JsonAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body.ToString());
        return body;
    }

    /// <summary>The code flow from a fresh browser to the token response.</summary>
    public async Task<JsonElement> TokensAsync(JsonElement client, string prefix = "", AuthorizationRequest? request = null)
    {
        request ??= RequestFor(client);
        return await RedeemAsync(client, request, await CodeAsync(request, prefix), prefix);
    }

    /// <summary>POST I/token grant_type=refresh_token.</summary>
    public Task<HttpResponseMessage> RefreshAsync(JsonElement client, string refreshToken, string? scope = null, string prefix = "") =>
        TokenAsync(client, "grant_type=refresh_token&refresh_token=" + Uri.EscapeDataString(refreshToken)
            + (scope is null ? "" : "&scope=" + Uri.EscapeDataString(scope)), prefix);

    /// <summary>Asserts the server recorded <paramref name="errorId"/> as the reason it refused the request of <paramref name="response"/>.</summary>
    public void AssertErrorId(HttpResponseMessage response, string errorId) => Assert.Equal(errorId, Server.ErrorIdOf(response));

    /// <summary>The HTML error page a browser is shown: 4xx, text/html, never a redirect.</summary>
    public static async Task<string> AssertErrorPageAsync(HttpResponseMessage response, HttpStatusCode status = HttpStatusCode.BadRequest)
    {
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected an error page {(int)status}, got {AuthorizationFlow.Describe(response)}");
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Null(response.Headers.Location);
        Assert.Contains("<html", html, StringComparison.OrdinalIgnoreCase);
        return html;
    }
}
