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
/// The live client count per tenant (configured or created at runtime) for the "registry.clients" gauge: every
/// <see cref="FlushInterval"/> each silo reads the totals the tenant grains keep (they count registrations and deletions as they happen, for the
/// client quota). Each silo reports the latest total it saw (dashboards take the max per tenant).
/// </summary>
public sealed partial class ClientCountReporter : BackgroundService
{
    public static readonly TimeSpan FlushInterval = TimeSpan.FromSeconds(10);

    private readonly ConcurrentDictionary<string, long> _totals = new(StringComparer.Ordinal);
    private readonly IGrainFactory _grains;
    private readonly TenantDirectory _tenants;
    private readonly ILogger<ClientCountReporter> _logger;

    public ClientCountReporter(IGrainFactory grains, TenantDirectory tenants, IMeterFactory meters, ILogger<ClientCountReporter> logger)
    {
        _grains = grains;
        _tenants = tenants;
        _logger = logger;
        meters.Create(RegistryTelemetry.MeterName).CreateObservableGauge(
            "registry.clients",
            () => _totals.Select(t => new Measurement<long>(t.Value, new KeyValuePair<string, object?>(RegistryTelemetry.Tenant, t.Key))),
            unit: "{client}",
            description: "Registered clients per tenant (updated every 10 s)");
    }

    /// <summary>Refreshes every tenant's total; public so tests need not wait.</summary>
    public async Task FlushAsync()
    {
        var (tenants, complete) = await TenantNamesAsync();
        if (complete)
        {
            // A deleted tenant's count is no longer reported.
            foreach (var gone in _totals.Keys.Except(tenants, StringComparer.Ordinal).ToList())
            {
                _totals.TryRemove(gone, out _);
            }
        }

        foreach (var tenant in tenants)
        {
            try
            {
                _totals[tenant] = await _grains.GetGrain<ITenantGrain>(tenant).AddClientCount(0);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogFlushFailed(_logger, exception, tenant);
            }
        }
    }

    /// <summary>The configured tenants and those created at runtime (listed by the tenant index; configured ones if it cannot answer).</summary>
    private async Task<(List<string> Names, bool Complete)> TenantNamesAsync()
    {
        var names = _tenants.All.Select(t => t.Name).ToList();
        try
        {
            var index = _grains.GetGrain<ITenantIndexGrain>(ITenantIndexGrain.Key);
            string? after = null;
            TenantIndexPage page;
            do
            {
                page = await index.List(after, 1000);
                names.AddRange(page.Tenants.Where(t => !t.Configured).Select(t => t.Name));
                after = page.Tenants.Length > 0 ? page.Tenants[^1].Name : null;
            }
            while (page.More && after is not null);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogIndexFailed(_logger, exception);
            return (names, false);
        }

        return (names, true);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(FlushInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            await FlushAsync();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not list the runtime tenants for their client counts; retrying next interval")]
    private static partial void LogIndexFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not update the client count of tenant '{Tenant}'; retrying next interval")]
    private static partial void LogFlushFailed(ILogger logger, Exception exception, string tenant);
}
