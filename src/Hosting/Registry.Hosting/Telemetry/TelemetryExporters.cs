using Microsoft.Extensions.Configuration;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Registry.Hosting.Telemetry;

/// <summary>
/// Which exporters each signal uses, from the standard OpenTelemetry variables: OTEL_TRACES_EXPORTER,
/// OTEL_METRICS_EXPORTER, OTEL_LOGS_EXPORTER ("otlp", "console", "none", comma-separated). When a signal's
/// variable is unset, OTLP is used if OTEL_EXPORTER_OTLP_ENDPOINT (or the signal's own endpoint) is set,
/// and nothing otherwise: with no collector configured, nothing is exported and nothing breaks. The OTLP
/// exporter itself reads the remaining OTEL_EXPORTER_OTLP_* variables (protocol, headers, timeouts).
/// </summary>
public sealed record TelemetryExporters(IReadOnlySet<string> Traces, IReadOnlySet<string> Metrics, IReadOnlySet<string> Logs)
{
    public const string Otlp = "otlp";
    public const string Console = "console";

    public static TelemetryExporters From(IConfiguration configuration) => new(
        Read(configuration, "TRACES"),
        Read(configuration, "METRICS"),
        Read(configuration, "LOGS"));

    public void ConfigureTracing(TracerProviderBuilder tracing)
    {
        if (Traces.Contains(Otlp))
        {
            tracing.AddOtlpExporter();
        }

        if (Traces.Contains(Console))
        {
            tracing.AddConsoleExporter();
        }
    }

    public void ConfigureMetrics(MeterProviderBuilder metrics)
    {
        if (Metrics.Contains(Otlp))
        {
            metrics.AddOtlpExporter();
        }

        if (Metrics.Contains(Console))
        {
            metrics.AddConsoleExporter();
        }
    }

    public void ConfigureLogging(LoggerProviderBuilder logging)
    {
        if (Logs.Contains(Otlp))
        {
            logging.AddOtlpExporter();
        }

        if (Logs.Contains(Console))
        {
            logging.AddConsoleExporter();
        }
    }

    private static HashSet<string> Read(IConfiguration configuration, string signal)
    {
        var chosen = configuration[$"OTEL_{signal}_EXPORTER"];
        if (string.IsNullOrWhiteSpace(chosen))
        {
            var endpoint = configuration[$"OTEL_EXPORTER_OTLP_{signal}_ENDPOINT"] ?? configuration["OTEL_EXPORTER_OTLP_ENDPOINT"];
            return string.IsNullOrWhiteSpace(endpoint) ? [] : [Otlp];
        }

        return chosen.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(e => e.ToLowerInvariant())
            .Where(e => e is Otlp or Console)
            .ToHashSet(StringComparer.Ordinal);
    }
}
