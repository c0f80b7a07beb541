using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Registry.Hosting.Health;
using Registry.Hosting.Management;
using Registry.Hosting.Telemetry;

namespace Registry.Silo.Hosting;

/// <summary>Builds the standalone silo process: the silo, and HTTP for health and metrics only (used by Program and by the tests).</summary>
public static class RegistrySiloApp
{
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        builder.Logging.AddFilter("Polly", LogLevel.Warning);
        builder.Logging.AddFilter("Orleans", LogLevel.Warning);
        var configuration = builder.Configuration;
        if (string.IsNullOrEmpty(configuration["urls"]) && string.IsNullOrEmpty(configuration["http_ports"]) && string.IsNullOrEmpty(configuration["https_ports"])
            && ManagementListener.ReadPort(configuration) is null)
        {
            // Health endpoints default to 8081 so a silo and a gateway (5000) can share a host; --urls,
            // ASPNETCORE_URLS or ASPNETCORE_HTTP_PORTS (set in the .NET container images) override it.
            builder.WebHost.UseUrls("http://localhost:8081");
        }

        // With Registry:Management:Port the silo's HTTP is that port alone unless public URLs are configured too.
        builder.AddManagementListener();
        builder.UseOrleans(silo => silo.AddRegistry(builder.Configuration));
        builder.AddRegistryTelemetry("registry-silo");
        builder.Services.AddHealthChecks().AddCheck<SiloReadinessCheck>("silo", tags: [RegistryHealthEndpoints.ReadyTag]);
        configure?.Invoke(builder);

        var app = builder.Build();
        app.Services.GetService<Microsoft.Extensions.Options.IStartupValidator>()?.Validate();

        // Liveness: the process answers. Readiness: this silo is an active cluster member. On the management
        // port alone when there is one.
        var management = app.MapManagement();
        management.MapRegistryHealth();
        management.MapRegistryMetrics();
        return app;
    }
}
