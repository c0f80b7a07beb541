using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Registry.Silo.Hosting;

/// <summary>Says clearly, at startup, that nothing registered survives the process.</summary>
internal sealed partial class VolatileStorageWarning(ILogger<VolatileStorageWarning> logger) : IHostedService
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
