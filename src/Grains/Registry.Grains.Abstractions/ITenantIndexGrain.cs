namespace Registry.Grains.Abstractions;

/// <summary>
/// Every tenant's name (key: <see cref="Key"/>): those named in configuration and those created at runtime,
/// and the subscriptions to tenant changes. One grain for the whole cluster: it holds names, not clients
/// (bounded to <see cref="MaxRuntimeTenants"/> runtime tenants).
/// </summary>
[Alias("Registry.ITenantIndexGrain")]
public interface ITenantIndexGrain : IGrainWithStringKey
{
    /// <summary>The key of the one index grain.</summary>
    public const string Key = "all";

    /// <summary>The number of runtime tenants the index holds; creating more is refused.</summary>
    public const int MaxRuntimeTenants = 10_000;

    /// <summary>Adds a runtime tenant's name (persisted; idempotent); false when the index is full.</summary>
    [Alias("Add")]
    Task<bool> Add(string name);

    /// <summary>Removes a runtime tenant's name (persisted; idempotent).</summary>
    [Alias("Remove")]
    Task Remove(string name);

    /// <summary>Names after <paramref name="after"/> (ordinal order; null: from the start), at most <paramref name="limit"/> (1 to 1000).</summary>
    [Alias("List")]
    Task<TenantIndexPage> List(string? after, int limit);

    /// <summary>
    /// Subscribes (or renews the subscription of) an observer; answers the current change version. A subscription
    /// not renewed within <c>SubscriptionLifetime</c> (2 minutes) ends; renew every 20 seconds or so.
    /// </summary>
    [Alias("Subscribe")]
    Task<long> Subscribe(ITenantChangeObserver observer);

    [Alias("Unsubscribe")]
    Task Unsubscribe(ITenantChangeObserver observer);

    /// <summary>Counts a change of the tenant (already persisted by its grain) and tells every subscriber; answers the new version.</summary>
    [Alias("Publish")]
    Task<long> Publish(string name);
}
