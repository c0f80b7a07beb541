namespace Registry.Hosting.Configuration;

/// <summary>"Registry:Telemetry".</summary>
public sealed class RegistryTelemetryOptions
{
    /// <summary>When spans are recorded (recording spans nobody exports costs ~5 % of a registration).</summary>
    public TracingMode Tracing { get; set; } = TracingMode.Auto;
}
