namespace Registry.Hosting.Configuration;

/// <summary>
/// Failure detection. Defaults declare a killed silo dead in about 2 s (Orleans' own defaults take
/// 11-18 s): each silo probes others every second, 2 missed probes make a suspicion and 1 vote suffices.
/// The price: a silo frozen for more than ~2 s (a long GC pause, a starved CPU) is also declared dead and
/// must restart, so raise these on noisy hosts.
/// </summary>
public sealed class RegistryMembershipOptions
{
    public double ProbeTimeoutSeconds { get; set; } = 1;

    public int NumMissedProbesLimit { get; set; } = 2;

    public int NumVotesForDeathDeclaration { get; set; } = 1;

    public double TableRefreshSeconds { get; set; } = 2;
}
