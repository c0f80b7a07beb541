using System.Collections.Concurrent;
using Registry.Gateway.Http;
using Registry.Grains.Abstractions;

namespace Registry.Gateway.Tenancy;

/// <summary>
/// Caches each tenant's <see cref="TenantRuntime"/>. A miss asks the tenant grain; entries are refreshed
/// in the background after <see cref="RefreshAfter"/> while the cached one keeps serving, so key
/// rotations reach every gateway without a request ever waiting on the cluster twice.
/// </summary>
internal sealed class TenantCatalog(IGrainFactory grains, TimeProvider time) : IDisposable
{
    public static readonly TimeSpan RefreshAfter = TimeSpan.FromMinutes(5);

    /// <summary>Unknown names are remembered briefly, and only while the cache is small, so probing cannot grow it.</summary>
    private static readonly TimeSpan UnknownTtl = TimeSpan.FromSeconds(30);
    private const int MaxEntries = 10_000;

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    public async ValueTask<TenantRuntime?> FindAsync(string name)
    {
        var now = time.GetUtcNow();
        if (_entries.TryGetValue(name, out var entry))
        {
            if (entry.Runtime is null && now - entry.FetchedAt < UnknownTtl)
            {
                return null;
            }

            if (entry.Runtime is not null)
            {
                if (now - entry.FetchedAt >= RefreshAfter && entry.TryClaimRefresh())
                {
                    _ = RefreshAsync(name);
                }

                return entry.Runtime;
            }
        }

        return await RefreshAsync(name);
    }

    private async Task<TenantRuntime?> RefreshAsync(string name)
    {
        TenantSnapshot? snapshot;
        try
        {
            snapshot = await GrainCalls.RetryAsync(grains.GetGrain<ITenantGrain>(name), t => t.GetSnapshot(), CancellationToken.None);
        }
        catch when (_entries.TryGetValue(name, out var stale) && stale.Runtime is not null)
        {
            // The cluster is unreachable: keep serving the tenant as last seen and retry on a later request.
            stale.ReleaseRefresh();
            return stale.Runtime;
        }

        var runtime = snapshot is null ? null : new TenantRuntime(snapshot);
        if (runtime is not null || _entries.Count < MaxEntries)
        {
            _entries[name] = new Entry(runtime, time.GetUtcNow());
        }

        return runtime;
    }

    public void Dispose()
    {
        foreach (var entry in _entries.Values)
        {
            entry.Runtime?.Dispose();
        }
    }

    private sealed class Entry(TenantRuntime? runtime, DateTimeOffset fetchedAt)
    {
        private int _refreshing;

        public TenantRuntime? Runtime => runtime;

        public DateTimeOffset FetchedAt => fetchedAt;

        public bool TryClaimRefresh() => Interlocked.Exchange(ref _refreshing, 1) == 0;

        public void ReleaseRefresh() => Volatile.Write(ref _refreshing, 0);
    }
}
