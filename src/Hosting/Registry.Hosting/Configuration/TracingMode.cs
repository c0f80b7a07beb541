namespace Registry.Hosting.Configuration;

public enum TracingMode
{
    /// <summary>Record spans when a trace exporter is configured (OTEL_* variables).</summary>
    Auto,

    /// <summary>Always record spans (e.g. for an in-process exporter).</summary>
    On,

    /// <summary>Never record spans.</summary>
    Off,
}
