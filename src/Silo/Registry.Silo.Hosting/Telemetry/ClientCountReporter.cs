using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Registry.Grains.Abstractions;
using Registry.Grains.Telemetry;
using Registry.Grains.Tenants;
using Registry.Protocol.Telemetry;

namespace Registry.Silo.Hosting.Telemetry;

/// <summary>
/// The live client count per tenant, kept scalable: every <see cref="FlushInterval"/> the deltas this silo's
/// client grains counted (<see cref="ClientCounts"/>) go to the tenant grain, which keeps the persisted total,
/// and the totals come back for the "registry.clients" gauge. Each silo reports the latest total it saw
/// (dashboards take the max per tenant). A silo crash loses at most one interval of deltas, so the figure is
/// an approximation, never a hot spot.
/// </summary>
public sealed partial class ClientCountReporter : BackgroundService
{
    public static readonly TimeSpan FlushInterval = TimeSpan.FromSeconds(10);

    private readonly ConcurrentDictionary<string, long> _totals = new(StringComparer.Ordinal);
    private readonly ClientCounts _counts;
    private readonly IGrainFactory _grains;
    private readonly TenantDirectory _tenants;
    private readonly ILogger<ClientCountReporter> _logger;

    public ClientCountReporter(ClientCounts counts, IGrainFactory grains, TenantDirectory tenants, IMeterFactory meters, ILogger<ClientCountReporter> logger)
    {
        _counts = counts;
        _grains = grains;
        _tenants = tenants;
        _logger = logger;
        meters.Create(RegistryTelemetry.MeterName).CreateObservableGauge(
            "registry.clients",
            () => _totals.Select(t => new Measurement<long>(t.Value, new KeyValuePair<string, object?>(RegistryTelemetry.Tenant, t.Key))),
            unit: "{client}",
            description: "Registered clients per tenant (approximate: updated every 10 s)");
    }

    /// <summary>Sends pending deltas and refreshes every tenant's total; public so tests need not wait.</summary>
    public async Task FlushAsync()
    {
        foreach (var tenant in _tenants.All.Select(t => t.Name))
        {
            var delta = _counts.Take(tenant);
            try
            {
                _totals[tenant] = await _grains.GetGrain<ITenantGrain>(tenant).AddClientCount(delta);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                _counts.Add(tenant, delta);
                LogFlushFailed(_logger, exception, tenant);
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(FlushInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            await FlushAsync();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not update the client count of tenant '{Tenant}'; retrying next interval")]
    private static partial void LogFlushFailed(ILogger logger, Exception exception, string tenant);
}
