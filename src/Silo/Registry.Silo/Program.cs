using Registry.Hosting;
using Registry.Hosting.Health;
using Registry.Hosting.Telemetry;
using Registry.Silo.Hosting;

try
{
    var builder = WebApplication.CreateSlimBuilder(args);
    builder.Logging.AddFilter("Polly", LogLevel.Warning);
    builder.Logging.AddFilter("Orleans", LogLevel.Warning);
    var configuration = builder.Configuration;
    if (string.IsNullOrEmpty(configuration["urls"]) && string.IsNullOrEmpty(configuration["http_ports"]) && string.IsNullOrEmpty(configuration["https_ports"]))
    {
        // Health endpoints default to 8081 so a silo and a gateway (5000) can share a host; --urls,
        // ASPNETCORE_URLS or ASPNETCORE_HTTP_PORTS (set in the .NET container images) override it.
        builder.WebHost.UseUrls("http://localhost:8081");
    }

    builder.UseOrleans(silo => silo.AddRegistry(builder.Configuration));
    builder.AddRegistryTelemetry("registry-silo");
    builder.Services.AddHealthChecks().AddCheck<SiloReadinessCheck>("silo", tags: [RegistryHealthEndpoints.ReadyTag]);

    var app = builder.Build();
    app.Services.GetService<Microsoft.Extensions.Options.IStartupValidator>()?.Validate();

    // Liveness: the process answers. Readiness: this silo is an active cluster member.
    app.MapRegistryHealth();
    app.MapRegistryMetrics();
    await app.RunAsync();
    return 0;
}
catch (Exception exception) when (StartupErrors.Describe(exception) is { } message)
{
    await Console.Error.WriteLineAsync(message);
    return StartupErrors.ExitCode;
}
