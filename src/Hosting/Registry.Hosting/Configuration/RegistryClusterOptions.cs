namespace Registry.Hosting.Configuration;

/// <summary>How silos find each other, where grain state lives, and how gateways reach them ("Registry:Cluster").</summary>
public sealed class RegistryClusterOptions
{
    public const string Section = "Registry:Cluster";

    /// <summary>HTTP gateway only: Embedded co-hosts a silo (the default); Client connects to separate silos.</summary>
    public ClusterMode Mode { get; set; } = ClusterMode.Embedded;

    /// <summary>Localhost: a single silo on this machine. Redis: any number of silos sharing a Redis membership table.</summary>
    public ClusteringKind Clustering { get; set; } = ClusteringKind.Localhost;

    /// <summary>Memory: grain state lives in silo memory and is lost when the process stops. AzureTable: durable.</summary>
    public StorageKind Storage { get; set; } = StorageKind.Memory;

    public string ClusterId { get; set; } = "registry";

    public string ServiceId { get; set; } = "registry";

    /// <summary>Silo-to-silo port.</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>Port Orleans clients (cluster-mode gateways) connect to.</summary>
    public int GatewayPort { get; set; } = 30000;

    /// <summary>The address other silos and gateways use to reach this silo (e.g. the pod IP); unset: detected.</summary>
    public string? AdvertisedIPAddress { get; set; }

    /// <summary>StackExchange.Redis configuration string (e.g. "redis:6379"), for Redis clustering.</summary>
    public string? RedisConnectionString { get; set; }

    /// <summary>Azure Storage connection string with a TableEndpoint (Azurite locally), for AzureTable storage.</summary>
    public string? AzureTableConnectionString { get; set; }

    public string AzureTableName { get; set; } = "RegistryGrainState";

    /// <summary>
    /// A client grain idle this long is deactivated: its state stays in storage and the next request
    /// re-activates it. Keeps silo memory proportional to active clients, not registered ones.
    /// </summary>
    public int IdleClientMinutes { get; set; } = 5;

    /// <summary>A grain call not answered within this many seconds fails (and is retried or answered 503): never a hang.</summary>
    public int ResponseTimeoutSeconds { get; set; } = 5;

    /// <summary>
    /// The deadline of one grain call at the gateway, retries included (a request's grain calls each get their own):
    /// past it the call fails and the request is answered 503. Unset: <see cref="ResponseTimeoutSeconds"/> (at most
    /// <see cref="MaxRetryBudgetSeconds"/>). More than 0, at most 60.
    /// </summary>
    public double? RetryBudgetSeconds { get; set; }

    public const double MaxRetryBudgetSeconds = 60;

    /// <summary>The retry budget in force: <see cref="RetryBudgetSeconds"/>, else the response timeout.</summary>
    public TimeSpan EffectiveRetryBudget() => TimeSpan.FromSeconds(RetryBudgetSeconds ?? Math.Min(ResponseTimeoutSeconds, MaxRetryBudgetSeconds));

    /// <summary>Failure detection, see <see cref="RegistryMembershipOptions"/>.</summary>
    public RegistryMembershipOptions Membership { get; set; } = new();

    /// <summary>Kubernetes-native hosting of a silo, see <see cref="RegistryKubernetesOptions"/>.</summary>
    public RegistryKubernetesOptions Kubernetes { get; set; } = new();

    /// <summary>TLS with mutual authentication between silos and from gateways, see <see cref="RegistryClusterTlsOptions"/>.</summary>
    public RegistryClusterTlsOptions Tls { get; set; } = new();
}
