namespace Registry.Grains.Abstractions;

/// <summary>
/// Lists a tenant's clients, newest first, by walking its <see cref="IClientIndexGrain"/> pages from the newest
/// down. A cursor is a sequence ("continue at ≤ X"), so it stays valid while clients are added (they get higher
/// sequences) or removed. Each call reads at most <c>maxPagesScanned</c> pages (a filter that matches rarely
/// cannot make one request read the whole index); it then answers what it found with a cursor to go on from.
/// </summary>
public static class ClientListing
{
    public const int DefaultMaxPagesScanned = 16;

    /// <param name="grains">The cluster.</param>
    /// <param name="tenant">The tenant's name.</param>
    /// <param name="firstSequence">The tenant's first sequence ever handed out: the walk ends there.</param>
    /// <param name="nextSequence">The sequence the tenant hands out next: the walk starts below it.</param>
    /// <param name="cursor">Null for the newest clients, or a <see cref="ClientListPage.NextCursor"/>.</param>
    /// <param name="limit">At most this many entries (at least 1).</param>
    /// <param name="softwareId">Only clients with this software_id (exact), or null.</param>
    /// <param name="namePrefix">Only clients whose client_name starts with this (ordinal), or null.</param>
    /// <param name="maxPagesScanned">How many pages one call reads at most (at least 1).</param>
    public static async Task<ClientListPage> ListAsync(
        IGrainFactory grains,
        string tenant,
        long firstSequence,
        long nextSequence,
        long? cursor,
        int limit,
        string? softwareId,
        string? namePrefix,
        int maxPagesScanned = DefaultMaxPagesScanned)
    {
        ArgumentNullException.ThrowIfNull(grains);
        ArgumentException.ThrowIfNullOrEmpty(tenant);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPagesScanned, 1);

        var first = Math.Max(0, firstSequence);
        var at = Math.Min(cursor ?? long.MaxValue, nextSequence - 1);
        var entries = new List<ClientIndexEntry>();
        for (var scanned = 0; at >= first; scanned++)
        {
            if (scanned == maxPagesScanned)
            {
                return new ClientListPage(entries, at);
            }

            var page = ClientIndexKey.PageOf(at);
            var found = await grains.GetGrain<IClientIndexGrain>(ClientIndexKey.Of(tenant, page)).List(at, limit - entries.Count, softwareId, namePrefix);
            entries.AddRange(found.Where(e => e.Sequence >= first && e.Sequence <= at));
            if (entries.Count >= limit)
            {
                var next = entries[limit - 1].Sequence - 1;
                return new ClientListPage(entries.GetRange(0, limit), next >= first ? next : null);
            }

            at = (page * ClientIndexKey.PageSize) - 1;
        }

        return new ClientListPage(entries, null);
    }
}
