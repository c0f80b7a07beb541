using System.Text.Json.Serialization;
using Registry.Grains.Tenants;

namespace Registry.Grains.Operators;

/// <summary>
/// The stored document of the operator grain: the signing keys of the admin API's tokens, newest first (private
/// keys protected, like <see cref="TenantState"/>'s). Member names are pinned (the storage schema; see
/// <see cref="Clients.ClientState"/> for how it changes).
/// </summary>
[GenerateSerializer]
[Alias("Registry.OperatorState")]
public sealed class OperatorState
{
    /// <summary>
    /// Version 1: the document as first stored (private keys as clear PKCS#8).
    /// Version 2: private keys only as <see cref="StoredSigningKey.ProtectedPrivateKey"/> (Data Protection), with their
    /// <see cref="StoredSigningKey.PublicKey"/>; a version 1 document is rewritten so on first use.
    /// </summary>
    public const int CurrentSchemaVersion = 2;

    [Id(0), JsonPropertyName("SchemaVersion")] public int SchemaVersion { get; set; } = 1;

    [Id(1), JsonPropertyName("SigningKeys")] public List<StoredSigningKey> SigningKeys { get; set; } = [];
}
