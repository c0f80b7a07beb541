using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Registry.Silo.Hosting;
using Registry.Silo.Hosting.DataProtection;

namespace Registry.Silo.Tests;

/// <summary>The silo process (RegistrySiloApp, as Program runs it) on real Kestrel ports: health and metrics with and without Registry:Management:Port.</summary>
public sealed class SiloManagementPortTests
{
    private static readonly string[] ManagementPaths = ["/healthz/live", "/healthz/ready", "/metrics"];

    [Fact]
    public async Task With_a_management_port_health_and_metrics_answer_there_and_404_on_the_public_listener()
    {
        var port = TestPorts.Next();
        await using var app = await StartAsync("--urls=http://127.0.0.1:0", $"--Registry:Management:Port={port}");
        var addresses = Addresses(app);
        Assert.Equal(2, addresses.Count);
        using var publicHttp = new HttpClient { BaseAddress = addresses.Select(a => new Uri(a)).Single(u => u.Port != port) };
        using var management = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };

        foreach (var path in ManagementPaths)
        {
            using var onManagement = await management.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, onManagement.StatusCode);
            using var onPublic = await publicHttp.GetAsync(path);
            Assert.Equal(HttpStatusCode.NotFound, onPublic.StatusCode);
        }

        Assert.Contains("# TYPE ", await management.GetStringAsync("/metrics"), StringComparison.Ordinal);
        await app.StopAsync();
    }

    [Fact]
    public async Task With_a_management_port_and_no_public_urls_the_silo_listens_on_the_management_port_alone()
    {
        var port = TestPorts.Next();
        await using var app = await StartAsync($"--Registry:Management:Port={port}");
        using var management = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };

        var address = Assert.Single(Addresses(app));
        Assert.Equal(port, new Uri(address.Replace("*", "localhost", StringComparison.Ordinal)).Port);
        using var ready = await management.GetAsync("/healthz/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        await app.StopAsync();
    }

    [Fact]
    public async Task Without_a_management_port_health_and_metrics_answer_on_the_one_listener_as_before()
    {
        await using var app = await StartAsync("--urls=http://127.0.0.1:0");
        using var http = new HttpClient { BaseAddress = new Uri(Assert.Single(Addresses(app))) };

        foreach (var path in ManagementPaths)
        {
            using var response = await http.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        await app.StopAsync();
    }

    private static List<string> Addresses(WebApplication app) =>
        [.. app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses];

    private static async Task<WebApplication> StartAsync(params string[] args)
    {
        var app = RegistrySiloApp.Build(
            [
                .. args,
                "--environment=Development",
                $"--Registry:Cluster:SiloPort={TestPorts.Next()}",
                $"--Registry:Cluster:GatewayPort={TestPorts.Next()}",
                $"--{KeyRingConfiguration.Section}:KeyRingPath={Path.Combine(Path.GetTempPath(), "registry-silo-tests-keyring-" + Environment.ProcessId)}",
            ],
            builder => builder.Logging.SetMinimumLevel(LogLevel.Warning));
        await app.StartAsync();
        return app;
    }
}
