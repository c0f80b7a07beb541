using System.Net;
using Azure.Data.Tables;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Serialization;
using Orleans.Storage;
using Registry.Grains;
using Registry.Grains.Abstractions;
using Registry.Grains.Telemetry;
using Registry.Hosting.Configuration;
using StackExchange.Redis;

namespace Registry.Silo.Hosting;

public static class RegistrySiloBuilderExtensions
{
    /// <summary>
    /// Configures a silo serving Registry's grains with the clustering and storage named in configuration.
    /// <paramref name="coHostedWithGateway"/>: the HTTP gateway runs in this process (see <see cref="CoHostedPlacement"/>).
    /// </summary>
    public static ISiloBuilder AddRegistry(this ISiloBuilder silo, IConfiguration configuration, bool coHostedWithGateway = false) =>
        silo.AddRegistry(RegistryClusterConfiguration.Read(configuration), coHostedWithGateway);

    /// <summary>The same, with "Registry:Cluster" already read and validated.</summary>
    public static ISiloBuilder AddRegistry(this ISiloBuilder silo, RegistryClusterOptions options, bool coHostedWithGateway = false)
    {
        silo.Services.AddRegistryGrainServices();

        // Keyed, so it takes precedence over Orleans' catch-all keyed fallback to the system clock.
        silo.Services.AddKeyedSingleton<TimeProvider>(TimeProviderNames.Membership, static (_, _) => new MembershipClock());
        silo.Services.AddSerializer(serializer => serializer.AddRegistryProtocolTypes());
        silo.Configure<ClusterOptions>(cluster =>
        {
            cluster.ClusterId = options.ClusterId;
            cluster.ServiceId = options.ServiceId;
        });
        silo.Configure<SiloMessagingOptions>(messaging => messaging.ResponseTimeout = TimeSpan.FromSeconds(options.ResponseTimeoutSeconds));
        silo.Configure<GrainCollectionOptions>(collection =>
        {
            // Checked every minute, so an idle client goes between IdleClientMinutes and one minute later.
            collection.CollectionQuantum = TimeSpan.FromMinutes(1);
            collection.ClassSpecificCollectionAge[RegistryGrainTypes.ClientGrainClassName] = TimeSpan.FromMinutes(options.IdleClientMinutes);
        });

        // Grain calls continue the caller's trace; each grain span carries its tenant.
        silo.AddActivityPropagation();
        silo.AddIncomingGrainCallFilter<TenantTagCallFilter>();
        silo.Services.AddHostedService<Telemetry.MembershipMetrics>();
        if (coHostedWithGateway)
        {
            silo.Services.AddSingleton<Orleans.Runtime.Placement.IPlacementStrategyResolver, CoHostedPlacement>();
        }

        ConfigureClustering(silo, options);
        if (ClusterTls.AddCredentials(silo.Services, options) is { } credentials)
        {
            silo.UseTls(tls => ClusterTls.Configure(tls, credentials));
        }

        ConfigureStorage(silo, options);

        // Tenants' signing keys are protected at rest with a key ring next to the grain state (a folder, or a blob).
        DataProtection.KeyRingConfiguration.Configure(silo.Services, silo.Configuration, options);
        return silo;
    }

    private static void ConfigureClustering(ISiloBuilder silo, RegistryClusterOptions options)
    {
        if (options.Clustering == ClusteringKind.Localhost)
        {
            silo.UseLocalhostClustering(options.SiloPort, options.GatewayPort, serviceId: options.ServiceId, clusterId: options.ClusterId);
            return;
        }

        silo.UseRedisClustering(redis => redis.ConfigurationOptions = RedisOptions(options));
        if (options.AdvertisedIPAddress is { } address)
        {
            silo.ConfigureEndpoints(IPAddress.Parse(address), options.SiloPort, options.GatewayPort, listenOnAnyHostAddress: true);
        }
        else
        {
            silo.ConfigureEndpoints(options.SiloPort, options.GatewayPort, listenOnAnyHostAddress: true);
        }

        if (options.Kubernetes.Enabled)
        {
            ConfigureKubernetesHosting(silo, options);
        }

        var membership = options.Membership;
        silo.Configure<ClusterMembershipOptions>(m =>
        {
            m.ProbeTimeout = TimeSpan.FromSeconds(membership.ProbeTimeoutSeconds);
            m.NumMissedProbesLimit = membership.NumMissedProbesLimit;
            m.NumVotesForDeathDeclaration = membership.NumVotesForDeathDeclaration;
            m.TableRefreshTimeout = TimeSpan.FromSeconds(membership.TableRefreshSeconds);
            m.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(Math.Max(5, membership.TableRefreshSeconds * 2));
        });
    }

    /// <summary>
    /// Orleans' Kubernetes hosting: the silo is named after its pod (POD_NAME), and the silos watch their namespace's
    /// (POD_NAMESPACE) silo pods, declaring a silo dead as soon as its pod is deleted. Registry:Cluster stays the one
    /// source of the rest: the advertised address set above (the hosting fills it from POD_IP only when unset), and
    /// the cluster's ids, which the gateways (cluster clients, no Kubernetes hosting) read from it too; the
    /// hosting's ORLEANS_CLUSTER_ID / ORLEANS_SERVICE_ID would override them on the silos alone, so a difference
    /// stops startup instead of splitting the cluster. Pods of silos found dead are not deleted (the default), so
    /// the role needs no delete.
    /// </summary>
    private static void ConfigureKubernetesHosting(ISiloBuilder silo, RegistryClusterOptions options)
    {
        silo.UseKubernetesHosting();
        silo.Services.AddOptions<ClusterOptions>().Validate(
            cluster => cluster.ClusterId == options.ClusterId && cluster.ServiceId == options.ServiceId,
            $"ORLEANS_CLUSTER_ID / ORLEANS_SERVICE_ID differ from {RegistryClusterOptions.Section}:ClusterId / ServiceId "
            + $"('{options.ClusterId}' / '{options.ServiceId}'): gateways find silos by the latter; leave the ORLEANS_ variables unset");
    }

    private static void ConfigureStorage(ISiloBuilder silo, RegistryClusterOptions options)
    {
        // Plain JSON (System.Text.Json) rather than Orleans' default Newtonsoft JSON with $type, for every
        // provider: stored state must not depend on .NET type names, and memory storage then stores the same
        // schema as Azure Table storage (and serializes faster).
        silo.UseSystemTextJsonGrainStorageSerializer();
        if (options.Storage == StorageKind.Memory)
        {
            silo.Services.AddKeyedSingleton<IGrainStorage, InProcessGrainStorage>(RegistryStorage.Name);
            silo.Services.AddHostedService<VolatileStorageWarning>();

            // Reminders (an open client's removal when unused) live as long as the process, like the grains' state.
            silo.UseInMemoryReminderService();
            return;
        }

        // Deleting a client removes its row.
        silo.AddAzureTableGrainStorage(RegistryStorage.Name, table =>
        {
            table.TableServiceClient = new TableServiceClient(options.AzureTableConnectionString);
            table.TableName = options.AzureTableName;
            table.UseStringFormat = true;
            table.DeleteStateOnClear = true;
        });

        // Reminders (an open client's removal when unused) in a table of their own next to the grain state.
        silo.UseAzureTableReminderService(reminders =>
        {
            reminders.TableServiceClient = new TableServiceClient(options.AzureTableConnectionString);
            reminders.TableName = options.AzureTableName + "reminders";
        });
    }

    internal static ConfigurationOptions RedisOptions(RegistryClusterOptions options)
    {
        var redis = ConfigurationOptions.Parse(options.RedisConnectionString!);
        redis.AbortOnConnectFail = false;
        return redis;
    }
}
