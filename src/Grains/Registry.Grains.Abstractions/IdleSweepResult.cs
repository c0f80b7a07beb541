namespace Registry.Grains.Abstractions;

/// <summary>
/// One pass of a tenant's idle-client sweep: index pages read, candidates the index named (each one a client
/// grain activated), clients disabled and deleted, and candidates whose step failed (tried again next pass).
/// <see cref="Scheduled"/> is false when the tenant is gone or its policy reaps nothing (the pass did nothing and
/// the schedule was dropped).
/// </summary>
[GenerateSerializer, Immutable]
[Alias("Registry.IdleSweepResult")]
public sealed record IdleSweepResult(
    [property: Id(0)] bool Scheduled,
    [property: Id(1)] int PagesScanned,
    [property: Id(2)] int Candidates,
    [property: Id(3)] int Disabled,
    [property: Id(4)] int Deleted,
    [property: Id(5)] int Failed)
{
    public static IdleSweepResult Off { get; } = new(false, 0, 0, 0, 0, 0);
}
