using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Xunit;

namespace Registry.Testing;

/// <summary>What a user would do with curl, as small helpers. Paths are relative to a tenant's issuer.</summary>
public static class OAuthClient
{
    public const string ExampleRegistration = """{"grant_types": ["client_credentials"], "scope": "openid profile", "redirect_uris": ["https://tmp.com"]}""";

    public static Task<HttpResponseMessage> TokenAsync(this HttpClient http, string prefix, string form, AuthenticationHeaderValue? authorization = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, prefix + "/token")
        {
            Content = new StringContent(form, Encoding.UTF8, "application/x-www-form-urlencoded"),
        };
        request.Headers.Authorization = authorization;
        return http.SendAsync(request);
    }

    public static async Task<string> AdminTokenAsync(this HttpClient http, string prefix = "", string clientId = "registerClient", string secret = "password")
    {
        var response = await http.TokenAsync(prefix, $"client_id={clientId}&grant_type=client_credentials&client_secret={Uri.EscapeDataString(secret)}&scope=register");
        var body = await response.JsonAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body.ToString());
        return body.GetProperty("access_token").GetString()!;
    }

    public static async Task<string> ClientTokenAsync(this HttpClient http, string prefix, JsonElement client, string? scope = null)
    {
        var response = await http.TokenAsync(prefix, "grant_type=client_credentials" + (scope is null ? "" : "&scope=" + Uri.EscapeDataString(scope)), Basic(client));
        var body = await response.JsonAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body.ToString());
        return body.GetProperty("access_token").GetString()!;
    }

    public static Task<HttpResponseMessage> SendJsonAsync(this HttpClient http, HttpMethod method, string path, string? bearer, string? json, string mediaType = "application/json")
    {
        var request = new HttpRequestMessage(method, path);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(mediaType);
        }

        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        return http.SendAsync(request);
    }

    public static async Task<JsonElement> RegisterAsync(this HttpClient http, string prefix = "", string body = ExampleRegistration, string? adminToken = null)
    {
        adminToken ??= await http.AdminTokenAsync(prefix);
        var response = await http.SendJsonAsync(HttpMethod.Post, prefix + "/register", adminToken, body);
        var json = await response.JsonAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, json.ToString());
        return json;
    }

    public static AuthenticationHeaderValue Basic(JsonElement client) =>
        Basic(client.GetProperty("client_id").GetString()!, client.GetProperty("client_secret").GetString()!);

    public static AuthenticationHeaderValue Basic(string id, string secret) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Uri.EscapeDataString(id)}:{Uri.EscapeDataString(secret)}")));

    public static string Str(this JsonElement element, string name) => element.GetProperty(name).GetString()!;

    /// <summary>The single WWW-Authenticate challenge of a response: its scheme and its auth-params (RFC 9110 §11.6.1), unquoted.</summary>
    public static (string Scheme, Dictionary<string, string> Parameters) Challenge(this HttpResponseMessage response)
    {
        var challenge = Assert.Single(response.Headers.WwwAuthenticate);
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (System.Text.RegularExpressions.Match match in System.Text.RegularExpressions.Regex.Matches(challenge.Parameter ?? "", "([a-z_]+)=\"([^\"]*)\""))
        {
            parameters.Add(match.Groups[1].Value, match.Groups[2].Value);
        }

        return (challenge.Scheme, parameters);
    }

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(text.Length > 0, $"empty body with status {(int)response.StatusCode}");
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    /// <summary>Asserts an OAuth error response: status, JSON content type, error code, a description, no caching.</summary>
    public static async Task<JsonElement> AssertErrorAsync(this HttpResponseMessage response, HttpStatusCode status, string error)
    {
        var body = await response.JsonAsync();
        Assert.True(status == response.StatusCode, $"expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(error, body.Str("error"));
        Assert.False(string.IsNullOrWhiteSpace(body.Str("error_description")));
        Assert.Equal(2, body.EnumerateObject().Count());
        Assert.True(response.Headers.CacheControl?.NoStore);
        return body;
    }
}
