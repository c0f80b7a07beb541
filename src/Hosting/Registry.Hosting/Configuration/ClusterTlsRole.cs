namespace Registry.Hosting.Configuration;

/// <summary>What a process's cluster certificate is used for, which decides the extended key usages it needs.</summary>
public enum ClusterTlsRole
{
    /// <summary>A silo accepts connections (server authentication) and opens them to other silos (client authentication).</summary>
    Silo,

    /// <summary>An Orleans client (a gateway in cluster mode) only opens connections (client authentication).</summary>
    Client,
}
