namespace Registry.Grains.Tenants;

/// <summary>
/// The persisted state of a tenant grain: its signing keys, newest first, and its client count. Property names are the storage
/// schema. Private keys are stored as PKCS#8 in the grain store, so the store must be protected like a
/// secret store (Azure Storage encrypts at rest; access keys belong in a secret manager).
/// </summary>
[GenerateSerializer]
[Alias("Registry.TenantState")]
public sealed class TenantState
{
    [Id(0)] public List<StoredSigningKey> SigningKeys { get; set; } = [];

    /// <summary>Registered clients (approximate; maintained in batches by the silos' client count trackers).</summary>
    [Id(1)] public long ClientCount { get; set; }
}
