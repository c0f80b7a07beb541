using System.Text.Json.Serialization;

namespace Registry.Grains.Tenants;

/// <summary>
/// The stored document of the tenant index: the names of the runtime tenants (ordinal order) and the change
/// version. Member names are pinned (the storage schema; see <see cref="Clients.ClientState"/> for how it changes).
/// </summary>
[GenerateSerializer]
[Alias("Registry.TenantIndexState")]
public sealed class TenantIndexState
{
    /// <summary>Version 1: the document as first stored.</summary>
    public const int CurrentSchemaVersion = 1;

    [Id(0), JsonPropertyName("SchemaVersion")] public int SchemaVersion { get; set; } = 1;

    /// <summary>Names of the tenants created at runtime and not deleted, in ordinal order (configured ones are not stored).</summary>
    [Id(1), JsonPropertyName("Names")] public List<string> Names { get; set; } = [];

    /// <summary>Incremented by every published tenant change; subscribers compare it to notice changes they missed.</summary>
    [Id(2), JsonPropertyName("Version")] public long Version { get; set; }
}
