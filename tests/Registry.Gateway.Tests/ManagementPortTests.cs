using System.Net;
using Microsoft.Extensions.Options;
using Registry.Gateway.Tests.Infrastructure;

namespace Registry.Gateway.Tests;

/// <summary>Registry:Management:Port: health and metrics on a port of their own, kept apart from the public listener by the connection's local port.</summary>
public sealed class ManagementPortTests
{
    private static readonly string[] ManagementPaths = ["/healthz/live", "/healthz/ready", "/metrics"];

    [Fact]
    public async Task With_a_management_port_health_and_metrics_answer_there_and_only_there()
    {
        var port = TestPorts.Next();
        await using var server = await RegistryServer.StartAsync(new Dictionary<string, string> { ["Registry:Management:Port"] = $"{port}" });
        using var management = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        Assert.NotEqual(port, server.BaseAddress.Port);

        foreach (var path in ManagementPaths)
        {
            using var onManagement = await management.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, onManagement.StatusCode);
            using var onPublic = await server.Http.GetAsync(path);
            Assert.Equal(HttpStatusCode.NotFound, onPublic.StatusCode);

            // A Host header naming the management port does not open the public listener.
            using var forged = new HttpRequestMessage(HttpMethod.Get, path);
            forged.Headers.Host = $"127.0.0.1:{port}";
            using var forgedResponse = await server.Http.SendAsync(forged);
            Assert.Equal(HttpStatusCode.NotFound, forgedResponse.StatusCode);
        }

        Assert.Contains("# TYPE ", await management.GetStringAsync("/metrics"), StringComparison.Ordinal);
        using (var ready = System.Text.Json.JsonDocument.Parse(await management.GetStringAsync("/healthz/ready")))
        {
            Assert.Equal("Healthy", ready.RootElement.GetProperty("status").GetString());
        }

        // Other spellings of the paths on the public listener are not the management endpoints either.
        foreach (var path in new[] { "/METRICS", "/metrics/", "/Healthz/Ready" })
        {
            using var variant = await server.Http.GetAsync(path);
            Assert.Equal(HttpStatusCode.NotFound, variant.StatusCode);
        }

        using (var head = await server.Http.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/metrics")))
        {
            Assert.Equal(HttpStatusCode.NotFound, head.StatusCode);
        }

        // The OAuth endpoints stay on the public listener; the management port serves nothing else.
        using var discovery = await server.Http.GetAsync("/.well-known/openid-configuration");
        Assert.Equal(HttpStatusCode.OK, discovery.StatusCode);
        using var discoveryOnManagement = await management.GetAsync("/.well-known/openid-configuration");
        Assert.Equal(HttpStatusCode.NotFound, discoveryOnManagement.StatusCode);
    }

    [Fact]
    public async Task Without_a_management_port_health_and_metrics_answer_on_the_public_listener()
    {
        await using var server = await RegistryServer.StartAsync();

        foreach (var path in ManagementPaths)
        {
            using var response = await server.Http.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        Assert.Single(server.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
            .Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()!.Addresses);
    }

    [Fact]
    public async Task The_management_port_and_an_admin_listener_work_side_by_side()
    {
        var managementPort = TestPorts.Next();
        var adminPort = TestPorts.Next();
        await using var server = await RegistryServer.StartAsync(new Dictionary<string, string>
        {
            ["Registry:Management:Port"] = $"{managementPort}",
            ["Registry:Admin:Urls"] = $"http://127.0.0.1:{adminPort}",
        });
        using var management = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{managementPort}") };
        using var admin = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{adminPort}") };

        using var metrics = await management.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, metrics.StatusCode);
        using var adminToken = await admin.TokenAsync("/admin", "grant_type=client_credentials", OAuthClient.Basic("operator", "password"));
        Assert.Equal(HttpStatusCode.OK, adminToken.StatusCode);
        using var metricsOnAdmin = await admin.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.NotFound, metricsOnAdmin.StatusCode);
        using var publicToken = await server.Http.TokenAsync("/admin", "grant_type=client_credentials", OAuthClient.Basic("operator", "password"));
        Assert.Equal(HttpStatusCode.NotFound, publicToken.StatusCode);
    }

    [Theory]
    [InlineData("eighty", "Registry:Management:Port 'eighty' is not a port 1-65535")]
    [InlineData("70000", "Registry:Management:Port '70000' is not a port 1-65535")]
    [InlineData("public", "is also the port of a public listener")]
    public void A_management_port_that_is_not_a_port_of_its_own_stops_startup(string value, string message)
    {
        var port = TestPorts.Next();
        var settings = new Dictionary<string, string>
        {
            ["Registry:Management:Port"] = value == "public" ? $"{port}" : value,
            ["urls"] = $"http://127.0.0.1:{port}",
        };

        var exception = Assert.ThrowsAny<OptionsValidationException>(() => RegistryServer.Build(settings, out _));

        Assert.Contains(message, Registry.Hosting.StartupErrors.Describe(exception), StringComparison.Ordinal);
    }
}
