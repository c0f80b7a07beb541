using System.Text.Json.Serialization;

namespace Registry.Grains.Tenants;

/// <summary>A signing key as stored: the private key as PKCS#8 (see <see cref="TenantState"/>).</summary>
[GenerateSerializer]
[Alias("Registry.StoredSigningKey")]
public sealed class StoredSigningKey
{
    [Id(0), JsonPropertyName("KeyId")] public string KeyId { get; set; } = "";

    [Id(1), JsonPropertyName("Algorithm")] public string Algorithm { get; set; } = "";

    [Id(2), JsonPropertyName("Pkcs8PrivateKey")] public byte[] Pkcs8PrivateKey { get; set; } = [];

    [Id(3), JsonPropertyName("CreatedAt")] public DateTimeOffset CreatedAt { get; set; }
}
