using System.Text.Json.Serialization;
using Registry.Grains.Abstractions;

namespace Registry.Grains.Index;

/// <summary>One entry of a <see cref="ClientIndexPageState"/>, as stored (its own shape; names pinned).</summary>
[GenerateSerializer]
[Alias("Registry.StoredClientIndexEntry")]
public sealed record StoredClientIndexEntry
{
    [Id(0), JsonPropertyName("Sequence")] public long Sequence { get; init; }

    [Id(1), JsonPropertyName("ClientId")] public string ClientId { get; init; } = "";

    /// <summary>The client_name, cut by <see cref="ClientIndexText.Cut"/>.</summary>
    [Id(2), JsonPropertyName("ClientName"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ClientName { get; init; }

    /// <summary>The software_id, cut by <see cref="ClientIndexText.Cut"/>.</summary>
    [Id(3), JsonPropertyName("SoftwareId"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? SoftwareId { get; init; }

    [Id(4), JsonPropertyName("CreatedAt")] public DateTimeOffset CreatedAt { get; init; }

    [Id(5), JsonPropertyName("Disabled")] public bool Disabled { get; init; }

    /// <summary>The client's coarse last activity (version 2; absent in older entries and read as <see cref="CreatedAt"/> by the sweep).</summary>
    [Id(6), JsonPropertyName("LastActiveAt"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTimeOffset? LastActiveAt { get; init; }

    /// <summary>When the idle-client sweep disabled the client (version 2); absent otherwise, and for an operator's disable.</summary>
    [Id(7), JsonPropertyName("IdleDisabledAt"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTimeOffset? IdleDisabledAt { get; init; }

    public static StoredClientIndexEntry From(ClientIndexEntry entry) => new()
    {
        Sequence = entry.Sequence,
        ClientId = entry.ClientId,
        ClientName = ClientIndexText.Cut(entry.ClientName),
        SoftwareId = ClientIndexText.Cut(entry.SoftwareId),
        CreatedAt = entry.CreatedAt,
        Disabled = entry.Disabled,
        LastActiveAt = entry.LastActiveAt,
        IdleDisabledAt = entry.Disabled ? entry.IdleDisabledAt : null,
    };

    public ClientIndexEntry ToEntry() => new(Sequence, ClientId, ClientName, SoftwareId, CreatedAt, Disabled, LastActiveAt, IdleDisabledAt);

    /// <summary>Whether the idle-client sweep should ask this client (see <see cref="Abstractions.IClientIndexGrain.IdleCandidates"/>).</summary>
    public bool IsIdleCandidate(DateTimeOffset? activeBefore, DateTimeOffset? idleDisabledBefore) => Disabled
        ? IdleDisabledAt is { } disabledAt && disabledAt <= idleDisabledBefore
        : (LastActiveAt ?? CreatedAt) <= activeBefore;
}
