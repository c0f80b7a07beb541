using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Registry.Hosting.Configuration;
using Registry.Protocol.Telemetry;

namespace Registry.Hosting.Telemetry;

/// <summary>
/// OpenTelemetry for a Registry process (gateway or silo): traces (ASP.NET Core → Orleans grain calls →
/// grain storage), metrics (Registry, Orleans, ASP.NET Core, .NET runtime) and logs. A Prometheus scrape
/// endpoint is always served at /metrics; OTLP and console exporters are off unless the standard
/// OTEL_* variables ask for them (see <see cref="TelemetryExporters"/>); spans are recorded only when
/// something exports them (see <see cref="RegistryTelemetryOptions.Tracing"/>).
/// </summary>
public static class RegistryTelemetryHosting
{
    public const string MetricsPath = "/metrics";

    /// <summary>Orleans activity sources: application grain calls and grain storage operations.</summary>
    public static readonly string[] OrleansSources = ["Microsoft.Orleans.Application", "Microsoft.Orleans.Storage"];

    public static WebApplicationBuilder AddRegistryTelemetry(this WebApplicationBuilder builder, string serviceName)
    {
        var exporters = TelemetryExporters.From(builder.Configuration);
        var mode = builder.Configuration.GetSection(RegistryOptions.Section + ":Telemetry").Get<RegistryTelemetryOptions>()?.Tracing ?? TracingMode.Auto;
        var traced = mode == TracingMode.On || mode == TracingMode.Auto && exporters.Traces.Count > 0;
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(
                serviceName,
                serviceVersion: RegistryVersion.Current,
                serviceInstanceId: $"{Environment.MachineName}-{Environment.ProcessId}"))
            .WithTracing(tracing =>
            {
                // Recording spans nobody exports costs ~5 % of a registration: without an exporter, spans
                // are not recorded at all (Auto), unless Registry:Telemetry:Tracing says On.
                if (traced)
                {
                    tracing.AddSource(OrleansSources).AddAspNetCoreInstrumentation(options => options.Filter = IsApiRequest);
                    exporters.ConfigureTracing(tracing);
                }
            })
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(RegistryTelemetry.MeterName, "Microsoft.Orleans")
                    .AddAspNetCoreInstrumentation()
                    .AddRuntimeInstrumentation()
                    .AddPrometheusExporter();
                exporters.ConfigureMetrics(metrics);
            })
            .WithLogging(logging => exporters.ConfigureLogging(logging));
        return builder;
    }

    /// <summary>Serves the Prometheus text format at /metrics.</summary>
    public static IEndpointConventionBuilder MapRegistryMetrics(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapPrometheusScrapingEndpoint(MetricsPath);

    /// <summary>Probes and scrapes are not traced: they would drown the traces that matter.</summary>
    private static bool IsApiRequest(HttpContext http) =>
        !http.Request.Path.StartsWithSegments("/healthz", StringComparison.Ordinal)
        && !http.Request.Path.StartsWithSegments(MetricsPath, StringComparison.Ordinal);
}
