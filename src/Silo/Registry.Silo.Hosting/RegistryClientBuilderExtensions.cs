using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Serialization;
using Registry.Grains.Abstractions;
using Registry.Hosting.Configuration;

namespace Registry.Silo.Hosting;

public static class RegistryClientBuilderExtensions
{
    /// <summary>An Orleans client of a Registry cluster (a gateway in cluster mode), finding silos through Redis.</summary>
    public static IClientBuilder AddRegistryCluster(this IClientBuilder client, IConfiguration configuration) =>
        client.AddRegistryCluster(RegistryClusterConfiguration.Read(configuration));

    /// <summary>The same, with "Registry:Cluster" already read and validated.</summary>
    public static IClientBuilder AddRegistryCluster(this IClientBuilder client, RegistryClusterOptions options)
    {
        client.Services.AddSerializer(serializer => serializer.AddRegistryProtocolTypes());
        client.Configure<ClusterOptions>(cluster =>
        {
            cluster.ClusterId = options.ClusterId;
            cluster.ServiceId = options.ServiceId;
        });
        client.UseRedisClustering(redis => redis.ConfigurationOptions = RegistrySiloBuilderExtensions.RedisOptions(options));
        client.AddActivityPropagation();
        if (ClusterTls.AddCredentials(client.Services, options) is { } credentials)
        {
            client.UseTls(tls => ClusterTls.Configure(tls, credentials));
        }

        // Notice joined and departed silos within seconds, and never wait long on a dead one.
        client.Configure<GatewayOptions>(gateways => gateways.GatewayListRefreshPeriod = TimeSpan.FromSeconds(2));
        client.Configure<ClientMessagingOptions>(messaging => messaging.ResponseTimeout = TimeSpan.FromSeconds(options.ResponseTimeoutSeconds));
        return client;
    }
}
