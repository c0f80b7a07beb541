namespace Registry.Grains.Abstractions;

/// <summary>
/// The client sequence numbers of a tenant's current incarnation: from <see cref="First"/> (a tenant deleted and
/// created again starts after every number its earlier incarnation used) up to, not including, <see cref="Next"/>.
/// </summary>
[GenerateSerializer, Immutable]
[Alias("Registry.ClientSequenceRange")]
public sealed record ClientSequenceRange(
    [property: Id(0)] long First,
    [property: Id(1)] long Next);
