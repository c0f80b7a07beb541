using System.Text.Json.Serialization;
using Registry.Grains.Tenants;

namespace Registry.Grains.Operators;

/// <summary>
/// The stored document of the operator grain: the signing keys of the admin API's tokens, newest first (private
/// keys as PKCS#8, like <see cref="TenantState"/>'s). Member names are pinned (the storage schema; see
/// <see cref="Clients.ClientState"/> for how it changes).
/// </summary>
[GenerateSerializer]
[Alias("Registry.OperatorState")]
public sealed class OperatorState
{
    /// <summary>Version 1: the document as first stored.</summary>
    public const int CurrentSchemaVersion = 1;

    [Id(0), JsonPropertyName("SchemaVersion")] public int SchemaVersion { get; set; } = 1;

    [Id(1), JsonPropertyName("SigningKeys")] public List<StoredSigningKey> SigningKeys { get; set; } = [];
}
