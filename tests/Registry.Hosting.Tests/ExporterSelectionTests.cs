using Microsoft.Extensions.Configuration;
using Registry.Hosting.Telemetry;

namespace Registry.Hosting.Tests;

/// <summary>OTLP/console export follows the standard OTEL_* variables and is off when none is set.</summary>
public sealed class ExporterSelectionTests
{
    [Theory]
    [InlineData("", "", "", "")]
    [InlineData("OTEL_EXPORTER_OTLP_ENDPOINT=http://collector:4317", "otlp", "otlp", "otlp")]
    [InlineData("OTEL_EXPORTER_OTLP_ENDPOINT=http://c:4317;OTEL_METRICS_EXPORTER=none", "otlp", "", "otlp")]
    [InlineData("OTEL_TRACES_EXPORTER=console", "console", "", "")]
    [InlineData("OTEL_TRACES_EXPORTER=otlp, Console;OTEL_LOGS_EXPORTER=bogus", "console otlp", "", "")]
    [InlineData("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT=http://c:4318/v1/traces", "otlp", "", "")]
    public void Exporters_follow_the_otel_variables(string settings, string traces, string metrics, string logs)
    {
        var values = settings.Split(';', StringSplitOptions.RemoveEmptyEntries).Select(s => s.Split('=', 2)).ToDictionary(p => p[0], p => (string?)p[1]);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();

        var exporters = TelemetryExporters.From(configuration);

        Assert.Equal(traces, string.Join(' ', exporters.Traces.Order()));
        Assert.Equal(metrics, string.Join(' ', exporters.Metrics.Order()));
        Assert.Equal(logs, string.Join(' ', exporters.Logs.Order()));
    }
}
