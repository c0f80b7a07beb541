using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Registry.Cli.Http;

/// <summary>
/// The admin API over an injected <see cref="HttpClient"/>. Before its first call it gets an operator token at
/// <c>POST /admin/token</c> (client_credentials, client_secret_basic, scope <c>registry:admin</c>) and sends it as a
/// bearer token on every call. Answers are JSON elements (null for an empty answer such as 204); an error answer
/// throws <see cref="ApiErrorException"/>, no answer at all <see cref="RegistryUnreachableException"/>.
/// </summary>
internal sealed class AdminApiClient(HttpClient http, Uri baseUrl, string clientId, string clientSecret)
{
    public const string Scope = "registry:admin";

    private readonly string _base = baseUrl.AbsoluteUri.TrimEnd('/');
    private string? _token;

    public Task<JsonElement?> GetAsync(string path, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, path, null, cancellationToken);

    public Task<JsonElement?> PostAsync(string path, JsonObject? body, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, path, body, cancellationToken);

    public Task<JsonElement?> DeleteAsync(string path, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Delete, path, null, cancellationToken);

    /// <summary>A path segment (tenant name, client id), escaped.</summary>
    public static string Segment(string value) => Uri.EscapeDataString(value);

    /// <summary>A query string of the members that have a value ("" when none has).</summary>
    public static string Query(params (string Name, string? Value)[] parameters)
    {
        var present = parameters.Where(p => p.Value is not null).Select(p => $"{p.Name}={Uri.EscapeDataString(p.Value!)}").ToList();
        return present.Count == 0 ? "" : "?" + string.Join('&', present);
    }

    private async Task<JsonElement?> SendAsync(HttpMethod method, string path, JsonObject? body, CancellationToken cancellationToken)
    {
        var token = _token ??= await GetTokenAsync(cancellationToken);
        using var request = new HttpRequestMessage(method, _base + path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        }

        return await ExchangeAsync(request, cancellationToken);
    }

    private async Task<string> GetTokenAsync(CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, _base + "/admin/token");
        // RFC 6749 §2.3.1: the client id and secret are form-encoded before they are joined and base64-encoded.
        var credentials = $"{Uri.EscapeDataString(clientId)}:{Uri.EscapeDataString(clientSecret)}";
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials)));
        request.Content = new FormUrlEncodedContent([new("grant_type", "client_credentials"), new("scope", Scope)]);

        var answer = await ExchangeAsync(request, cancellationToken);
        if (answer is not { ValueKind: JsonValueKind.Object } tokenResponse
            || !tokenResponse.TryGetProperty("access_token", out var accessToken)
            || accessToken.ValueKind != JsonValueKind.String)
        {
            throw new ApiErrorException("the token response of /admin/token has no access_token");
        }

        return accessToken.GetString()!;
    }

    private async Task<JsonElement?> ExchangeAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        string text;
        try
        {
            response = await http.SendAsync(request, cancellationToken);
            text = await response.Content.ReadAsStringAsync(cancellationToken);
        }
        catch (HttpRequestException e) when (e.StatusCode is null)
        {
            throw new RegistryUnreachableException($"cannot reach the registry at {_base}: {e.Message}", e);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new RegistryUnreachableException($"the registry at {_base} did not answer within {http.Timeout.TotalSeconds:0} s", e);
        }

        using (response)
        {
            var json = TryParse(text);
            if (response.IsSuccessStatusCode)
            {
                if (string.IsNullOrWhiteSpace(text))
                {
                    return null;
                }

                return json ?? throw new ApiErrorException($"HTTP {(int)response.StatusCode} from {request.RequestUri?.AbsolutePath}: the answer is not JSON");
            }

            throw new ApiErrorException(Describe(response.StatusCode, json));
        }
    }

    private static string Describe(HttpStatusCode status, JsonElement? body)
    {
        if (body is { ValueKind: JsonValueKind.Object } error
            && error.TryGetProperty("error", out var code) && code.ValueKind == JsonValueKind.String)
        {
            return error.TryGetProperty("error_description", out var description) && description.ValueKind == JsonValueKind.String
                ? $"{code.GetString()}: {description.GetString()}"
                : code.GetString()!;
        }

        return $"HTTP {(int)status} {status}";
    }

    private static JsonElement? TryParse(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
