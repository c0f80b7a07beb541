using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Registry.Gateway.Tests.Infrastructure;

namespace Registry.Gateway.Tests.Introspection;

/// <summary>
/// A server of its own for /introspect and /revoke: the default tenant, "acme" (another tenant's tokens), "brief"
/// (tokens that live one second) and "public" (public clients allowed), all unthrottled.
/// </summary>
public sealed class IntrospectionFixture : IAsyncLifetime
{
    public const string Brief = "/tenants/brief";
    public const string Acme = "/tenants/acme";
    public const string Public = "/tenants/public";
    public const string Secret = "introspection-bootstrap-secret";

    public RegistryServer Server { get; private set; } = null!;

    public HttpClient Http => Server.Http;

    public async Task InitializeAsync() => Server = await RegistryServer.StartAsync(new Dictionary<string, string>(RegistryServer.UnthrottledTenants("default", "acme", "brief", "public"))
    {
        ["Registry:Tenants:acme:AdminClientSecret"] = Secret,
        ["Registry:Tenants:brief:AdminClientSecret"] = Secret,
        ["Registry:Tenants:brief:MinTokenLifetimeSeconds"] = "1",
        ["Registry:Tenants:brief:TokenLifetimeSeconds"] = "1",
        ["Registry:Tenants:public:AdminClientSecret"] = Secret,
        ["Registry:Tenants:public:AllowedTokenEndpointAuthMethods:0"] = "client_secret_basic",
        ["Registry:Tenants:public:AllowedTokenEndpointAuthMethods:1"] = "none",
    });

    public async Task DisposeAsync() => await Server.DisposeAsync();

    /// <summary>A confidential client_credentials client of the tenant at <paramref name="prefix"/>.</summary>
    public async Task<JsonElement> RegisterAsync(string prefix = "", string body = OAuthClient.ExampleRegistration) =>
        await Http.RegisterAsync(prefix, body, adminToken: prefix.Length == 0 ? null : await Http.AdminTokenAsync(prefix, secret: Secret));

    /// <summary>POST I/introspect or I/revoke with a form body.</summary>
    public Task<HttpResponseMessage> PostAsync(string path, string form, AuthenticationHeaderValue? authorization = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(form, Encoding.UTF8, "application/x-www-form-urlencoded") };
        request.Headers.Authorization = authorization;
        return Http.SendAsync(request);
    }

    /// <summary>Introspects <paramref name="token"/> as <paramref name="caller"/> (Basic); asserts 200 and no-store, answers the body.</summary>
    public async Task<JsonElement> IntrospectAsync(string token, AuthenticationHeaderValue caller, string prefix = "")
    {
        using var response = await PostAsync(prefix + "/introspect", "token=" + Uri.EscapeDataString(token), caller);
        var body = await response.JsonAsync();
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.OK, body.ToString());
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        return body;
    }

    /// <summary>Revokes <paramref name="token"/> as <paramref name="caller"/> (Basic).</summary>
    public Task<HttpResponseMessage> RevokeAsync(string token, AuthenticationHeaderValue caller, string prefix = "", string? hint = null) =>
        PostAsync(prefix + "/revoke", "token=" + Uri.EscapeDataString(token) + (hint is null ? "" : "&token_type_hint=" + hint), caller);
}

[CollectionDefinition(Name)]
public sealed class IntrospectionCollectionDefinition : ICollectionFixture<IntrospectionFixture>
{
    public const string Name = "introspection";
}
