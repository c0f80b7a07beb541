using System.Net;
using Microsoft.Extensions.Options;
using Registry.Gateway.Tests.Infrastructure;
using Registry.Protocol.Errors;

namespace Registry.Gateway.Tests.Admin;

/// <summary>Where the admin API answers: only with an operator secret outside Development, only on its own listener when it has one.</summary>
public sealed class AdminExposureTests
{
    private const string StrongSecret = "q8VJm1c0YwJ2r7T4kP9sXo3LbN6eHf5Z";

    private static Dictionary<string, string> Production() => new()
    {
        ["environment"] = "Production",
        ["Registry:Issuer"] = "http://127.0.0.1",
        ["Registry:Tenants:default:AdminClientSecret"] = StrongSecret,
    };

    [Fact]
    public async Task Outside_development_the_admin_api_is_off_until_an_operator_secret_is_configured()
    {
        await using var server = await RegistryServer.StartAsync(Production());

        using var token = await server.Http.TokenAsync("/admin", "grant_type=client_credentials", OAuthClient.Basic("operator", "password"));
        // Knocks on a closed admin API are counted, not audited one by one.
        await token.AssertErrorAsync(HttpStatusCode.NotFound, "invalid_request");
        using var openapi = await server.Http.GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.NotFound, openapi.StatusCode);
        using var tenants = await server.Http.GetAsync("/admin/tenants");
        Assert.Equal(HttpStatusCode.NotFound, tenants.StatusCode);
    }

    [Fact]
    public async Task Outside_development_a_configured_operator_secret_enables_it()
    {
        var settings = Production();
        settings["Registry:Operator:ClientSecret"] = StrongSecret;
        await using var server = await RegistryServer.StartAsync(settings);

        using var token = await server.Http.TokenAsync("/admin", "grant_type=client_credentials", OAuthClient.Basic("operator", StrongSecret));
        Assert.Equal(HttpStatusCode.OK, token.StatusCode);
        using var dev = await server.Http.TokenAsync("/admin", "grant_type=client_credentials", OAuthClient.Basic("operator", "password"));
        Assert.Equal(HttpStatusCode.Unauthorized, dev.StatusCode);
    }

    [Theory]
    [InlineData("password", "Registry:Operator:ClientSecret is the default or a placeholder")]
    [InlineData("CHANGE-ME-to-a-long-random-operator-secret", "Registry:Operator:ClientSecret is the default or a placeholder")]
    [InlineData("only-31-characters-long-secret!", "Registry:Operator:ClientSecret must be at least 32 characters outside Development")]
    public async Task Outside_development_default_placeholder_and_short_operator_secrets_stop_startup(string secret, string message)
    {
        var settings = Production();
        settings["Registry:Operator:ClientSecret"] = secret;
        WebApplication? app = null;
        var exception = await Assert.ThrowsAnyAsync<OptionsValidationException>(async () =>
        {
            app = RegistryServer.Build(settings, out _);
            await app.StartAsync();
        });
        if (app is not null)
        {
            await app.DisposeAsync();
        }

        Assert.Contains(message, Registry.Hosting.StartupErrors.Describe(exception), StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_its_own_listener_the_admin_api_and_its_description_answer_only_there()
    {
        var adminPort = TestPorts.Next();
        await using var server = await RegistryServer.StartAsync(new Dictionary<string, string> { ["Registry:Admin:Urls"] = $"http://127.0.0.1:{adminPort}" });
        using var admin = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{adminPort}") };
        Assert.NotEqual(adminPort, server.BaseAddress.Port);

        foreach (var path in new List<string> { "/openapi/v1.json", "/docs" })
        {
            using var onPublic = await server.Http.GetAsync(path);
            Assert.Equal(HttpStatusCode.NotFound, onPublic.StatusCode);
            using var onAdmin = await admin.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, onAdmin.StatusCode);
        }

        using var publicToken = await server.Http.TokenAsync("/admin", "grant_type=client_credentials", OAuthClient.Basic("operator", "password"));
        Assert.Equal(HttpStatusCode.NotFound, publicToken.StatusCode);

        // A Host header naming the admin port does not open the public listener.
        using var forged = new HttpRequestMessage(HttpMethod.Post, "/admin/token") { Content = new StringContent("grant_type=client_credentials", System.Text.Encoding.UTF8, "application/x-www-form-urlencoded") };
        forged.Headers.Host = $"127.0.0.1:{adminPort}";
        forged.Headers.Authorization = OAuthClient.Basic("operator", "password");
        using var forgedResponse = await server.Http.SendAsync(forged);
        Assert.Equal(HttpStatusCode.NotFound, forgedResponse.StatusCode);

        using var adminToken = await admin.TokenAsync("/admin", "grant_type=client_credentials", OAuthClient.Basic("operator", "password"));
        Assert.Equal(HttpStatusCode.OK, adminToken.StatusCode);

        // The OAuth endpoints stay on the public listener.
        using var discovery = await server.Http.GetAsync("/.well-known/openid-configuration");
        Assert.Equal(HttpStatusCode.OK, discovery.StatusCode);
    }
}
