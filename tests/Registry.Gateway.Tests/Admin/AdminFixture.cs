using System.Net.Http.Headers;
using System.Text.Json;
using Registry.Gateway.Tests.Infrastructure;

namespace Registry.Gateway.Tests.Admin;

/// <summary>
/// A server for the admin API tests (Development: the operator's default credentials), with a configured tenant
/// "configured" next to the default one; tenants created by tests get unique names.
/// </summary>
public sealed class AdminFixture : IAsyncLifetime
{
    public RegistryServer Server { get; private set; } = null!;

    public HttpClient Http => Server.Http;

    public async Task InitializeAsync() => Server = await RegistryServer.StartAsync(new Dictionary<string, string>(RegistryServer.UnthrottledTenants("default", "configured"))
    {
        ["Registry:Tenants:configured:AdminClientSecret"] = "configured-bootstrap-secret",
    });

    public async Task DisposeAsync() => await Server.DisposeAsync();

    /// <summary>An operator token (Development defaults), fetched once.</summary>
    public async Task<string> OperatorTokenAsync()
    {
        if (_token is { } cached)
        {
            return cached;
        }

        using var response = await RequestOperatorTokenAsync();
        return _token = (await response.JsonAsync()).Str("access_token");
    }

    /// <summary>POST /admin/token with client_secret_basic.</summary>
    public Task<HttpResponseMessage> RequestOperatorTokenAsync(string id = "operator", string secret = "password", string form = "grant_type=client_credentials") =>
        Http.TokenAsync("/admin", form, OAuthClient.Basic(id, secret));

    public async Task<HttpResponseMessage> AdminAsync(HttpMethod method, string path, object? body = null)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await OperatorTokenAsync());
        if (body is not null)
        {
            request.Content = new StringContent(body as string ?? JsonSerializer.Serialize(body), System.Text.Encoding.UTF8, "application/json");
        }

        return await Http.SendAsync(request);
    }

    /// <summary>Creates a tenant with a unique name from <paramref name="body"/> (without a name); answers its created document.</summary>
    public async Task<JsonElement> CreateTenantAsync(Dictionary<string, object?> body)
    {
        var name = "t" + Guid.NewGuid().ToString("N")[..12];
        body["name"] = name;
        using var response = await AdminAsync(HttpMethod.Post, "/admin/tenants", body);
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        return await response.JsonAsync();
    }

    private string? _token;
}
