using Registry.Grains.Abstractions;

namespace Registry.Gateway.Tenancy;

/// <summary>
/// Keeps this gateway's <see cref="TenantCatalog"/> current through the cluster: it subscribes an observer with the
/// tenant index grain, which notifies every subscriber when a tenant is created, changed or deleted, so the change
/// is served within a second rather than when a cache expires. The subscription is renewed every
/// <see cref="RenewEvery"/> (it expires in the grain otherwise, and a restarted index grain forgets it); the version
/// the grain answers reveals missed notifications, after which every cached tenant is dropped.
/// </summary>
internal sealed partial class TenantChangeListener(IGrainFactory grains, TenantCatalog catalog, IHostApplicationLifetime lifetime, ILogger<TenantChangeListener> logger)
    : BackgroundService, ITenantChangeObserver
{
    /// <summary>
    /// Also the worst case for a change to reach this gateway when its notification is lost (or the index grain
    /// restarted): the renewal's version reveals it.
    /// </summary>
    public static readonly TimeSpan RenewEvery = TimeSpan.FromSeconds(3);

    private long _version = -1;

    public void TenantChanged(string name, long version)
    {
        catalog.Invalidate(name);
        Observe(version, notified: true);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The cluster (an embedded silo, or the connection to one) is up once the host has started.
        if (!await HostStartedAsync(stoppingToken))
        {
            return;
        }

        var reference = grains.CreateObjectReference<ITenantChangeObserver>(this);
        try
        {
            using var timer = new PeriodicTimer(RenewEvery);
            do
            {
                try
                {
                    var version = await grains.GetGrain<ITenantIndexGrain>(ITenantIndexGrain.Key).Subscribe(reference);
                    Observe(version, notified: false);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    // The cluster is not reachable yet (startup) or right now: the next renewal tries again.
                    LogSubscribeFailed(logger, exception);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            grains.DeleteObjectReference<ITenantChangeObserver>(reference);
        }
    }

    private async Task<bool> HostStartedAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var onStarted = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        using var onStopping = stoppingToken.Register(() => started.TrySetCanceled(stoppingToken));
        try
        {
            await started.Task;
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>
    /// Each change bumps the index's version by one. A notification further ahead, or a renewal answering another
    /// version than the last seen, means notifications were missed (or the index grain restarted): every cached
    /// tenant is dropped. (A spurious drop only costs a refetch.)
    /// </summary>
    private void Observe(long version, bool notified)
    {
        lock (catalog)
        {
            var missed = _version >= 0 && (notified ? version > _version + 1 : version != _version);
            if (missed)
            {
                catalog.InvalidateAll();
            }

            _version = notified ? Math.Max(_version, version) : version;
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Could not subscribe to tenant changes; retrying")]
    private static partial void LogSubscribeFailed(ILogger logger, Exception exception);
}
