using Orleans.Concurrency;

namespace Registry.Grains.Abstractions;

/// <summary>
/// Told when a tenant was created, changed or deleted (subscribed with <see cref="ITenantIndexGrain.Subscribe"/>).
/// Notifications are best effort: a subscriber also compares the version <see cref="ITenantIndexGrain.Subscribe"/>
/// answers on every renewal, and refreshes everything when it moved on without it.
/// </summary>
[Alias("Registry.ITenantChangeObserver")]
public interface ITenantChangeObserver : IGrainObserver
{
    [OneWay]
    [Alias("TenantChanged")]
    void TenantChanged(string name, long version);
}
