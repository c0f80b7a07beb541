using System.Text.Json.Serialization;

namespace Registry.Grains.Tenants;

/// <summary>
/// The stored document of a tenant grain: its signing keys, newest first, its client count and its identifier
/// key (the MAC key of its client ids and registration access tokens). Member names
/// are pinned by <see cref="JsonPropertyNameAttribute"/> (the storage schema; see <see cref="Clients.ClientState"/>
/// for how it changes). Private keys are stored as PKCS#8 in the grain store, so the store must be protected
/// like a secret store (Azure Storage encrypts at rest; access keys belong in a secret manager).
/// </summary>
[GenerateSerializer]
[Alias("Registry.TenantState")]
public sealed class TenantState
{
    /// <summary>
    /// Version 1: the document as first stored (it had no SchemaVersion member, which reads as 1).
    /// Version 2: adds <see cref="IdentifierKey"/> and <see cref="AcceptsLegacyIdentifiers"/>; a version 1
    /// document gets a key on its tenant's next activation and keeps accepting the identifiers issued before.
    /// </summary>
    public const int CurrentSchemaVersion = 2;

    [Id(0), JsonPropertyName("SigningKeys")] public List<StoredSigningKey> SigningKeys { get; set; } = [];

    /// <summary>
    /// Registered clients, the count the client quota is held against: a reservation adds one, a delete (or a
    /// reservation not used) takes one; written within a second of a change (older versions kept an approximation).
    /// </summary>
    [Id(1), JsonPropertyName("ClientCount")] public long ClientCount { get; set; }

    /// <summary>The version of the document as read (absent: 1); set to <see cref="CurrentSchemaVersion"/> when written.</summary>
    [Id(2), JsonPropertyName("SchemaVersion")] public int SchemaVersion { get; set; } = 1;

    /// <summary>The key of the MACs client ids and registration access tokens carry; empty until generated (version 1).</summary>
    [Id(3), JsonPropertyName("IdentifierKey")] public byte[] IdentifierKey { get; set; } = [];

    /// <summary>
    /// Set when the key was generated for a tenant already stored (a version 1 document): its clients have
    /// identifiers without a MAC, which stay accepted. A tenant created with its key accepts MAC'd ones only.
    /// </summary>
    [Id(4), JsonPropertyName("AcceptsLegacyIdentifiers")] public bool AcceptsLegacyIdentifiers { get; set; }
}
