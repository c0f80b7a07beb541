using System.Collections.Concurrent;
using Registry.Protocol.Telemetry;

namespace Registry.Gateway.Telemetry;

/// <summary>
/// Throttling decisions in the audit trail without letting a flood flood it: decisions are counted per tenant,
/// endpoint, reason and source address, and every <see cref="Window"/> one event per such group says how many
/// there were. Past <see cref="MaxGroups"/> groups in a window, further addresses are counted under "*".
/// </summary>
internal sealed partial class ThrottleAudit(ILoggerFactory loggers) : BackgroundService
{
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(10);

    private const int MaxGroups = 1000;

    private readonly ILogger _audit = loggers.CreateLogger(RegistryTelemetry.AuditCategory);
    private ConcurrentDictionary<(string Tenant, string Endpoint, string Reason, string Ip), int> _counts = new();

    public void Add(string tenant, string endpoint, string reason, string? ip)
    {
        var counts = _counts;
        var key = (tenant, endpoint, reason, ip ?? "unknown");
        if (counts.Count >= MaxGroups && !counts.ContainsKey(key))
        {
            key = (tenant, endpoint, reason, "*");
        }

        counts.AddOrUpdate(key, 1, static (_, n) => n + 1);
    }

    /// <summary>Writes one event per group counted since the last flush; public so tests need not wait.</summary>
    public void Flush()
    {
        var counts = Interlocked.Exchange(ref _counts, new());
        foreach (var ((tenant, endpoint, reason, ip), count) in counts.OrderBy(c => c.Key))
        {
            LogThrottled(_audit, endpoint, tenant, reason, ip, count, (int)Window.TotalSeconds);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Window);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                Flush();
            }
        }
        finally
        {
            Flush();
        }
    }

    [LoggerMessage(EventId = 1004, Level = LogLevel.Warning,
        Message = "audit {Operation} throttled tenant={Tenant} error_id={ErrorId} ip={CallerIp} count={Count} window_seconds={WindowSeconds}")]
    private static partial void LogThrottled(ILogger logger, string operation, string tenant, string errorId, string callerIp, int count, int windowSeconds);
}
