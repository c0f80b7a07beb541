using Registry.Hosting.Configuration;
using Registry.Silo.Hosting;

namespace Registry.Gateway.Hosting;

/// <summary>How the gateway reaches the grains.</summary>
internal static class ClusterHosting
{
    /// <summary>
    /// Embedded (the default): a silo co-hosted in this process, built exactly as a standalone silo is
    /// (by default localhost clustering and in-memory storage); HTTP starts once the silo is up.
    /// Client: an Orleans client of separate silos found through Redis; HTTP starts once a silo answers.
    /// </summary>
    public static WebApplicationBuilder AddRegistryCluster(this WebApplicationBuilder builder)
    {
        var options = RegistryClusterConfiguration.Read(builder.Configuration);
        if (options.Mode == ClusterMode.Client)
        {
            builder.UseOrleansClient(client => client.AddRegistryCluster(options));
        }
        else
        {
            builder.UseOrleans(silo => silo.AddRegistry(options, coHostedWithGateway: true));
        }

        builder.Services.AddHealthChecks().AddCheck<ClusterReadinessCheck>("cluster", tags: [Registry.Hosting.Health.RegistryHealthEndpoints.ReadyTag]);
        return builder;
    }
}
