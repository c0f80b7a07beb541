using System.Collections.Concurrent;

namespace Registry.Grains.Telemetry;

/// <summary>
/// Creations (+1) and deletions (-1) of clients per tenant, counted in memory by this silo's client grains
/// until the silo's reporter hands them to the tenant grains in batches: the count never becomes a hot spot.
/// </summary>
public sealed class ClientCounts
{
    private readonly ConcurrentDictionary<string, long> _pending = new(StringComparer.Ordinal);

    public void Add(string tenant, long delta) => _pending.AddOrUpdate(tenant, delta, (_, current) => current + delta);

    /// <summary>Takes the tenant's pending delta (0 when none); give it back with <see cref="Add"/> if it cannot be delivered.</summary>
    public long Take(string tenant) => _pending.TryRemove(tenant, out var delta) ? delta : 0;
}
