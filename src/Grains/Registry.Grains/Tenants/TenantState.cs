using System.Text.Json.Serialization;

namespace Registry.Grains.Tenants;

/// <summary>
/// The stored document of a tenant grain: its signing keys, newest first, and its client count. Member names
/// are pinned by <see cref="JsonPropertyNameAttribute"/> (the storage schema; see <see cref="Clients.ClientState"/>
/// for how it changes). Private keys are stored as PKCS#8 in the grain store, so the store must be protected
/// like a secret store (Azure Storage encrypts at rest; access keys belong in a secret manager).
/// </summary>
[GenerateSerializer]
[Alias("Registry.TenantState")]
public sealed class TenantState
{
    /// <summary>Version 1: the document as first stored (it had no SchemaVersion member, which reads as 1).</summary>
    public const int CurrentSchemaVersion = 1;

    [Id(0), JsonPropertyName("SigningKeys")] public List<StoredSigningKey> SigningKeys { get; set; } = [];

    /// <summary>Registered clients (approximate; maintained in batches by the silos' client count reporters).</summary>
    [Id(1), JsonPropertyName("ClientCount")] public long ClientCount { get; set; }

    [Id(2), JsonPropertyName("SchemaVersion")] public int SchemaVersion { get; set; } = CurrentSchemaVersion;
}
