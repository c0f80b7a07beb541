namespace Registry.Hosting.Configuration;

/// <summary>
/// Where health and metrics are served ("Registry:Management"). With <see cref="Port"/> set, the process also listens
/// on that port (every address) and /healthz/live, /healthz/ready and /metrics answer only on connections that
/// arrived at it (the connection's local port, which a caller cannot forge), 404 on every other listener; the
/// management port answers nothing else. Unset: they answer on the public listener.
/// </summary>
public sealed class RegistryManagementOptions
{
    public const string Section = "Registry:Management";

    /// <summary>The management listener's port (e.g. 8081 in deploy/kubernetes, kept out of every Service); unset: none.</summary>
    public int? Port { get; set; }
}
