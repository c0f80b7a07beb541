namespace Registry.Silo.Hosting;

/// <summary>How silos find each other and where grain state lives ("Registry:Cluster").</summary>
public sealed class RegistryClusterOptions
{
    public const string Section = "Registry:Cluster";

    /// <summary>Localhost: a single silo on this machine, no external membership store.</summary>
    public ClusteringKind Clustering { get; set; } = ClusteringKind.Localhost;

    /// <summary>Memory: grain state lives in silo memory and is lost when the process stops.</summary>
    public StorageKind Storage { get; set; } = StorageKind.Memory;

    public string ClusterId { get; set; } = "registry";

    public string ServiceId { get; set; } = "registry";

    /// <summary>Silo-to-silo port.</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>Port Orleans clients (cluster-mode gateways) connect to.</summary>
    public int GatewayPort { get; set; } = 30000;
}

public enum ClusteringKind
{
    Localhost,
}

public enum StorageKind
{
    Memory,
}
