namespace Registry.Grains.Abstractions;

/// <summary>
/// One client as the client index lists it. <see cref="ClientName"/> and <see cref="SoftwareId"/> are kept
/// as <see cref="ClientIndexText.Cut"/> leaves them (in full unless unusually long). <see cref="LastActiveAt"/> and
/// <see cref="IdleDisabledAt"/> let the idle-client sweep pick its candidates from the index without activating
/// every client: <see cref="LastActiveAt"/> is coarse (the client grain moves it on at most about once an hour, so it
/// is never later than the client's real last activity; null in entries stored before it, read as <see cref="CreatedAt"/>),
/// <see cref="IdleDisabledAt"/> is set only while the sweep (not an operator) has the client disabled.
/// </summary>
[GenerateSerializer, Immutable]
[Alias("Registry.ClientIndexEntry")]
public sealed record ClientIndexEntry(
    [property: Id(0)] long Sequence,
    [property: Id(1)] string ClientId,
    [property: Id(2)] string? ClientName,
    [property: Id(3)] string? SoftwareId,
    [property: Id(4)] DateTimeOffset CreatedAt,
    [property: Id(5)] bool Disabled,
    [property: Id(6)] DateTimeOffset? LastActiveAt = null,
    [property: Id(7)] DateTimeOffset? IdleDisabledAt = null);
