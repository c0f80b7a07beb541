using System.Text.Json.Serialization;

namespace Registry.Grains.Index;

/// <summary>
/// The stored document of one client index page (see <see cref="ClientIndexGrain"/>): its entries in ascending
/// sequence order, at most <see cref="Abstractions.ClientIndexKey.PageSize"/> of them. Member names are pinned
/// (the storage schema; see <see cref="Clients.ClientState"/> for how it changes).
/// </summary>
[GenerateSerializer]
[Alias("Registry.ClientIndexPageState")]
public sealed class ClientIndexPageState
{
    /// <summary>
    /// Version 1: the document as first stored.
    /// Version 2 (idle clients): entries gain <see cref="StoredClientIndexEntry.LastActiveAt"/> and
    /// <see cref="StoredClientIndexEntry.IdleDisabledAt"/>, each written only when set, so a version 2 entry without
    /// them has the members of version 1.
    /// </summary>
    public const int CurrentSchemaVersion = 2;

    /// <summary>The version of the document as read (absent: 1); set to <see cref="CurrentSchemaVersion"/> when written.</summary>
    [Id(0), JsonPropertyName("SchemaVersion")] public int SchemaVersion { get; set; } = 1;

    [Id(1), JsonPropertyName("Entries")] public List<StoredClientIndexEntry> Entries { get; set; } = [];
}
