using Registry.Silo.Hosting;

namespace Registry.Gateway.Hosting;

/// <summary>How the gateway reaches the grains.</summary>
internal static class ClusterHosting
{
    /// <summary>
    /// Embedded (the default): a silo co-hosted in this process, built exactly as a standalone silo is
    /// (by default localhost clustering and in-memory storage). HTTP starts listening only once the silo is up.
    /// </summary>
    public static WebApplicationBuilder AddRegistryCluster(this WebApplicationBuilder builder)
    {
        builder.UseOrleans(silo => silo.AddRegistry(builder.Configuration));
        return builder;
    }
}
