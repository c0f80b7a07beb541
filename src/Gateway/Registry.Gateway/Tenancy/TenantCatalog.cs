using System.Collections.Concurrent;
using Registry.Gateway.Http;
using Registry.Grains.Abstractions;

namespace Registry.Gateway.Tenancy;

/// <summary>
/// Caches each tenant's <see cref="TenantRuntime"/>. A miss asks the tenant grain; entries are refreshed
/// in the background after <see cref="RefreshAfter"/> while the cached one keeps serving, so key
/// rotations reach every gateway without a request ever waiting on the cluster twice. Only configured
/// tenants get an entry; names the cluster does not know are remembered briefly in a bounded
/// <see cref="UnknownTenantNames"/>, so probing with names costs at most one grain call per name.
/// </summary>
internal sealed class TenantCatalog(IGrainFactory grains, GrainCalls calls, TimeProvider time) : IDisposable
{
    public static readonly TimeSpan RefreshAfter = TimeSpan.FromMinutes(5);

    /// <summary>How many unknown names are remembered (least recently asked evicted first), and for how long.</summary>
    public const int UnknownCapacity = 10_000;
    public static readonly TimeSpan UnknownTtl = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly UnknownTenantNames _unknown = new(UnknownCapacity, UnknownTtl, time);

    // Bumped by every invalidation: a refresh that started before one does not store what it fetched.
    private long _generation;

    public async ValueTask<TenantRuntime?> FindAsync(string name)
    {
        if (_entries.TryGetValue(name, out var entry))
        {
            if (time.GetUtcNow() - entry.FetchedAt >= RefreshAfter && entry.TryClaimRefresh())
            {
                _ = RefreshAsync(name);
            }

            return entry.Runtime;
        }

        return _unknown.Contains(name) ? null : await RefreshAsync(name);
    }

    /// <summary>
    /// Forgets what is cached about <paramref name="name"/> (a tenant created, changed or deleted through the
    /// cluster): the next request asks its grain again.
    /// </summary>
    public void Invalidate(string name)
    {
        Interlocked.Increment(ref _generation);
        _unknown.Forget(name);
        _entries.TryRemove(name, out _);
    }

    /// <summary>Forgets every cached tenant (after missed change notifications).</summary>
    public void InvalidateAll()
    {
        Interlocked.Increment(ref _generation);
        _unknown.Clear();
        _entries.Clear();
    }

    private async Task<TenantRuntime?> RefreshAsync(string name)
    {
        var generation = Interlocked.Read(ref _generation);
        TenantSnapshot? snapshot;
        try
        {
            snapshot = await calls.RetryAsync(grains.GetGrain<ITenantGrain>(name), t => t.GetSnapshot(), CancellationToken.None);
        }
        catch when (_entries.TryGetValue(name, out var stale))
        {
            // The cluster is unreachable: keep serving the tenant as last seen and retry on a later request.
            stale.ReleaseRefresh();
            return stale.Runtime;
        }

        if (snapshot is null)
        {
            // Never created, or deleted since it was cached.
            _entries.TryRemove(name, out _);
            if (Interlocked.Read(ref _generation) == generation)
            {
                _unknown.Add(name);
            }

            return null;
        }

        var runtime = new TenantRuntime(snapshot);
        if (Interlocked.Read(ref _generation) == generation)
        {
            // Runtimes replaced here or dropped by an invalidation are not disposed: requests may still hold them.
            _entries[name] = new Entry(runtime, time.GetUtcNow());
            _unknown.Forget(name);
        }

        return runtime;
    }

    public void Dispose()
    {
        foreach (var entry in _entries.Values)
        {
            entry.Runtime.Dispose();
        }
    }

    private sealed class Entry(TenantRuntime runtime, DateTimeOffset fetchedAt)
    {
        private int _refreshing;

        public TenantRuntime Runtime => runtime;

        public DateTimeOffset FetchedAt => fetchedAt;

        public bool TryClaimRefresh() => Interlocked.Exchange(ref _refreshing, 1) == 0;

        public void ReleaseRefresh() => Volatile.Write(ref _refreshing, 0);
    }
}
