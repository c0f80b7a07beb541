using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Serialization;
using Registry.Grains;
using Registry.Grains.Configuration;

namespace Registry.Silo.Hosting;

public static class RegistrySiloBuilderExtensions
{
    /// <summary>Configures a silo serving Registry's grains with the clustering and storage named in configuration.</summary>
    public static ISiloBuilder AddRegistry(this ISiloBuilder silo, IConfiguration configuration)
    {
        var options = ReadOptions(configuration);
        silo.Services.AddRegistryGrains();
        silo.Services.AddSerializer(serializer => serializer.AddRegistryProtocolTypes());
        silo.Configure<ClusterOptions>(cluster =>
        {
            cluster.ClusterId = options.ClusterId;
            cluster.ServiceId = options.ServiceId;
        });

        switch (options.Clustering)
        {
            case ClusteringKind.Localhost:
                silo.UseLocalhostClustering(options.SiloPort, options.GatewayPort, serviceId: options.ServiceId, clusterId: options.ClusterId);
                break;
        }

        switch (options.Storage)
        {
            case StorageKind.Memory:
                silo.AddMemoryGrainStorage(RegistryStorage.Name);
                silo.Services.AddHostedService<VolatileStorageWarning>();
                break;
        }

        return silo;
    }

    /// <summary>
    /// The clustering and storage choices shape the silo, so they are read and validated while building it
    /// (before Orleans reads them), failing with the same single message options validation gives.
    /// </summary>
    public static RegistryClusterOptions ReadOptions(IConfiguration configuration)
    {
        var options = new RegistryClusterOptions();
        configuration.GetSection(RegistryClusterOptions.Section).Bind(options);
        var result = new RegistryClusterOptionsValidator().Validate(null, options);
        return result.Failed
            ? throw new OptionsValidationException(RegistryClusterOptions.Section, typeof(RegistryClusterOptions), result.Failures)
            : options;
    }
}

/// <summary>Says clearly, at startup, that nothing registered survives the process.</summary>
internal sealed partial class VolatileStorageWarning(ILogger<VolatileStorageWarning> logger) : Microsoft.Extensions.Hosting.IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        LogVolatile(logger);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message =
        "Grain storage is IN MEMORY and NOT DURABLE: registered clients and signing keys are lost when this process stops. " +
        "Use Registry:Cluster:Storage=AzureTable for durable state.")]
    private static partial void LogVolatile(ILogger logger);
}
