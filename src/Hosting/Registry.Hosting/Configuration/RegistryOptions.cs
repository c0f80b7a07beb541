namespace Registry.Hosting.Configuration;

/// <summary>
/// The "Registry" configuration section, the one options root of every Registry process. Each host binds it
/// once (<see cref="RegistryOptionsServices.AddRegistryOptions"/>) and validates the parts it uses: the
/// cluster part everywhere, the tenants where a silo runs, the issuer and proxies where HTTP is served.
/// </summary>
public sealed class RegistryOptions
{
    public const string Section = "Registry";

    /// <summary>
    /// The public base URL of the default tenant's issuer (e.g. https://id.example.com); tenant t's issuer is
    /// "{Issuer}/tenants/t". Unset: the issuer follows the scheme and host each request arrived at.
    /// </summary>
    public string? Issuer { get; set; }

    /// <summary>Honour X-Forwarded-For/-Proto/-Host from trusted proxies ("Registry:ForwardedHeaders").</summary>
    public RegistryForwardedHeadersOptions ForwardedHeaders { get; set; } = new();

    /// <summary>Connection and request limits of the HTTP server ("Registry:Limits").</summary>
    public RegistryLimitsOptions Limits { get; set; } = new();

    /// <summary>The tenants a silo serves, by name ("Registry:Tenants:{name}"); the default tenant always exists.</summary>
    public Dictionary<string, TenantOptions> Tenants { get; set; } = [];

    /// <summary>Clustering, storage and timeouts ("Registry:Cluster").</summary>
    public RegistryClusterOptions Cluster { get; set; } = new();

    /// <summary>The operator client of the admin API ("Registry:Operator").</summary>
    public RegistryOperatorOptions Operator { get; set; } = new();

    /// <summary>Where the admin API is served ("Registry:Admin").</summary>
    public RegistryAdminOptions Admin { get; set; } = new();

    /// <summary>Where health and metrics are served ("Registry:Management").</summary>
    public RegistryManagementOptions Management { get; set; } = new();

    /// <summary>Cluster-wide lifecycle settings: how often idle clients are swept ("Registry:Lifecycle").</summary>
    public RegistryLifecycleOptions Lifecycle { get; set; } = new();

    /// <summary>What telemetry records ("Registry:Telemetry").</summary>
    public RegistryTelemetryOptions Telemetry { get; set; } = new();
}
