namespace Registry.Grains.Abstractions;

/// <summary>
/// One client as the client index lists it. <see cref="ClientName"/> and <see cref="SoftwareId"/> are kept
/// as <see cref="ClientIndexText.Cut"/> leaves them (in full unless unusually long).
/// </summary>
[GenerateSerializer, Immutable]
[Alias("Registry.ClientIndexEntry")]
public sealed record ClientIndexEntry(
    [property: Id(0)] long Sequence,
    [property: Id(1)] string ClientId,
    [property: Id(2)] string? ClientName,
    [property: Id(3)] string? SoftwareId,
    [property: Id(4)] DateTimeOffset CreatedAt,
    [property: Id(5)] bool Disabled);
