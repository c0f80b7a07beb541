namespace Registry.Grains.Tenants;

/// <summary>A signing key as stored: the private key as PKCS#8 (see <see cref="TenantState"/>).</summary>
[GenerateSerializer]
[Alias("Registry.StoredSigningKey")]
public sealed class StoredSigningKey
{
    [Id(0)] public string KeyId { get; set; } = "";

    [Id(1)] public string Algorithm { get; set; } = "";

    [Id(2)] public byte[] Pkcs8PrivateKey { get; set; } = [];

    [Id(3)] public DateTimeOffset CreatedAt { get; set; }
}
