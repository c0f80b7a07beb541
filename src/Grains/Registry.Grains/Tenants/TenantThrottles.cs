using System.Collections.Concurrent;
using Registry.Grains.Abstractions;
using Registry.Protocol.Throttling;

namespace Registry.Grains.Tenants;

/// <summary>
/// A tenant's limits for grains other than its own (a client grain's back-off and token rate): a configured
/// tenant's from the <see cref="TenantDirectory"/>, a runtime tenant's from its grain, cached for
/// <see cref="CacheFor"/> (a changed limit reaches client grains within that time). An unknown tenant gets the
/// default limits.
/// </summary>
public sealed class TenantThrottles(TenantDirectory tenants, IGrainFactory grains, TimeProvider time)
{
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(30);

    /// <summary>Runtime tenants cached at most (the cache starts afresh beyond; it only costs grain calls).</summary>
    private const int MaxCached = 10_000;

    private static readonly ThrottlePolicy Defaults = new();

    private readonly ConcurrentDictionary<string, (ThrottlePolicy Policy, DateTimeOffset Until)> _cache = new(StringComparer.Ordinal);

    public ValueTask<ThrottlePolicy> ForAsync(string tenant)
    {
        if (tenants.Find(tenant) is { } configured)
        {
            return ValueTask.FromResult(configured.Throttles);
        }

        return _cache.TryGetValue(tenant, out var cached) && cached.Until > time.GetUtcNow()
            ? ValueTask.FromResult(cached.Policy)
            : new ValueTask<ThrottlePolicy>(FetchAsync(tenant));
    }

    private async Task<ThrottlePolicy> FetchAsync(string tenant)
    {
        var policy = (await grains.GetGrain<ITenantGrain>(tenant).Describe())?.Throttles ?? Defaults;
        if (_cache.Count >= MaxCached)
        {
            _cache.Clear();
        }

        _cache[tenant] = (policy, time.GetUtcNow() + CacheFor);
        return policy;
    }
}
