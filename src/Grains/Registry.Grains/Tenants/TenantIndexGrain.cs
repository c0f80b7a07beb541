using Microsoft.Extensions.Logging;
using Registry.Grains.Abstractions;

namespace Registry.Grains.Tenants;

/// <summary>
/// Every tenant's name, and the subscribers to tenant changes (gateways keeping tenant caches). One activation
/// for the cluster (key "all"); it stores runtime tenants' names (at most <see cref="ITenantIndexGrain.MaxRuntimeTenants"/>,
/// about 300 KB) and merges the configured ones in when listing. Subscriptions live in memory: one not renewed
/// within <see cref="SubscriptionLifetime"/> ends, and all end with the activation — a subscriber renewing
/// then subscribes afresh, and the version it is answered tells it whether it missed a change.
/// </summary>
/// <remarks>The grain type name is part of its stored row's key: keep it stable.</remarks>
[GrainType(RegistryGrainTypes.TenantIndex)]
internal sealed partial class TenantIndexGrain(
    [PersistentState("tenant-index", RegistryStorage.Name)] IPersistentState<TenantIndexState> state,
    TenantDirectory tenants,
    TimeProvider time,
    ILogger<TenantIndexGrain> logger) : Grain, ITenantIndexGrain
{
    public static readonly TimeSpan SubscriptionLifetime = TimeSpan.FromMinutes(2);

    private const int MaxPage = 1000;

    private readonly SubscriberSet<ITenantChangeObserver> _subscribers = new(SubscriptionLifetime);
    private IGrainTimer? _expiry;

    async Task<bool> ITenantIndexGrain.Add(string name)
    {
        var names = state.State.Names;
        var at = names.BinarySearch(name, StringComparer.Ordinal);
        if (at >= 0)
        {
            return true;
        }

        if (names.Count >= ITenantIndexGrain.MaxRuntimeTenants)
        {
            return false;
        }

        names.Insert(~at, name);
        await WriteAsync(() => names.Remove(name));
        return true;
    }

    async Task ITenantIndexGrain.Remove(string name)
    {
        var names = state.State.Names;
        var at = names.BinarySearch(name, StringComparer.Ordinal);
        if (at >= 0)
        {
            names.RemoveAt(at);
            await WriteAsync(() => names.Insert(at, name));
        }
    }

    Task<TenantIndexPage> ITenantIndexGrain.List(string? after, int limit)
    {
        limit = Math.Clamp(limit, 1, MaxPage);
        var configured = tenants.All.Select(t => t.Name).Where(n => After(n, after));
        var runtime = state.State.Names.Where(n => After(n, after));
        var page = configured.Select(n => new TenantIndexEntry(n, true))
            .Concat(runtime.Where(n => tenants.Find(n) is null).Select(n => new TenantIndexEntry(n, false)))
            .OrderBy(e => e.Name, StringComparer.Ordinal)
            .Take(limit + 1)
            .ToList();
        var more = page.Count > limit;
        return Task.FromResult(new TenantIndexPage([.. page.Take(limit)], more));
    }

    Task<long> ITenantIndexGrain.Subscribe(ITenantChangeObserver observer)
    {
        _subscribers.Renew(observer, time.GetUtcNow());
        _expiry ??= this.RegisterGrainTimer(ExpireAsync, new GrainTimerCreationOptions(SubscriptionLifetime / 4, SubscriptionLifetime / 4));
        return Task.FromResult(state.State.Version);
    }

    Task ITenantIndexGrain.Unsubscribe(ITenantChangeObserver observer)
    {
        _subscribers.Remove(observer);
        return Task.CompletedTask;
    }

    async Task<long> ITenantIndexGrain.Publish(string name)
    {
        state.State.Version++;
        await WriteAsync(() => state.State.Version--);
        var version = state.State.Version;
        foreach (var observer in _subscribers.Live(time.GetUtcNow()))
        {
            try
            {
                // One-way: the call is sent, not awaited; a subscriber that is gone stops renewing and expires.
                observer.TenantChanged(name, version);
            }
            catch (Exception exception)
            {
                LogObserverDropped(logger, exception);
                _subscribers.Remove(observer);
            }
        }

        return version;
    }

    private static bool After(string name, string? after) => after is null || string.CompareOrdinal(name, after) > 0;

    private Task ExpireAsync(CancellationToken cancellationToken)
    {
        if (_subscribers.Live(time.GetUtcNow()).Count == 0)
        {
            _expiry?.Dispose();
            _expiry = null;
        }

        return Task.CompletedTask;
    }

    private async Task WriteAsync(Action undo)
    {
        state.State.SchemaVersion = TenantIndexState.CurrentSchemaVersion;
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            undo();
            throw;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "A tenant change subscriber failed and was dropped")]
    private static partial void LogObserverDropped(ILogger logger, Exception exception);
}
