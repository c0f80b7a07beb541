namespace Registry.Grains.Abstractions;

/// <summary>
/// A tenant's idle-client sweep (key: the tenant name). An Orleans reminder runs it every
/// Registry:Lifecycle:IdleSweepIntervalSeconds while the tenant's policy disables or deletes idle clients; the tenant
/// grain asks for it when its policy says so. A pass walks the tenant's client index pages and activates only the
/// clients the index names as candidates (<see cref="IClientIndexGrain.IdleCandidates"/>), each of which decides
/// from its own state (<see cref="IClientGrain.ReapIfIdle"/>).
/// </summary>
[Alias("Registry.IIdleClientSweepGrain")]
public interface IIdleClientSweepGrain : IGrainWithStringKey
{
    /// <summary>Registers the sweep's reminder (<paramref name="enabled"/>) or drops it; idempotent and cheap when nothing changes.</summary>
    [Alias("Schedule")]
    Task Schedule(bool enabled);

    /// <summary>
    /// Runs a pass now (the reminder's pass; a pass already running is joined, not doubled). Not exposed over HTTP:
    /// tests and operators with cluster access call it.
    /// </summary>
    [Alias("SweepNow")]
    Task<IdleSweepResult> SweepNow();
}
