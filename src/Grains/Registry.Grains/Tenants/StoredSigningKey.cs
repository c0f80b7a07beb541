using System.Text.Json.Serialization;

namespace Registry.Grains.Tenants;

/// <summary>
/// A signing key as stored. A tenant's private key is stored only protected (<see cref="ProtectedPrivateKey"/>,
/// the silo's Data Protection key ring, see <see cref="ISigningKeyProtector"/>) so the grain store never holds it in clear;
/// its public key (<see cref="PublicKey"/>) is in clear, so gateways and the JWKS need no decryption.
/// <see cref="Pkcs8PrivateKey"/> is the clear key of tenant documents of version 4 and older and operator documents of
/// version 1, rewritten protected on the grain's next activation (the operator's next use).
/// </summary>
[GenerateSerializer]
[Alias("Registry.StoredSigningKey")]
public sealed class StoredSigningKey
{
    [Id(0), JsonPropertyName("KeyId")] public string KeyId { get; set; } = "";

    [Id(1), JsonPropertyName("Algorithm")] public string Algorithm { get; set; } = "";

    [Id(2), JsonPropertyName("Pkcs8PrivateKey"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public byte[]? Pkcs8PrivateKey { get; set; }

    [Id(3), JsonPropertyName("CreatedAt")] public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The PKCS#8 private key protected by the silo's <see cref="ISigningKeyProtector"/>.</summary>
    [Id(4), JsonPropertyName("ProtectedPrivateKey"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public byte[]? ProtectedPrivateKey { get; set; }

    /// <summary>The public key as SubjectPublicKeyInfo (DER).</summary>
    [Id(5), JsonPropertyName("PublicKey"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public byte[]? PublicKey { get; set; }

    /// <summary>When the key starts signing (absent: <see cref="CreatedAt"/>); a pre-published next key activates later than it was created.</summary>
    [Id(6), JsonPropertyName("ActivatesAt"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTimeOffset? ActivatesAt { get; set; }

    /// <summary>When a newer key took (or takes) over; the key stays published until the tokens it signed expired.</summary>
    [Id(7), JsonPropertyName("SupersededAt"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTimeOffset? SupersededAt { get; set; }

    /// <summary>When the key signs from (<see cref="ActivatesAt"/>, else <see cref="CreatedAt"/>).</summary>
    public DateTimeOffset Activation() => ActivatesAt ?? CreatedAt;

    public StoredSigningKey Copy() => (StoredSigningKey)MemberwiseClone();
}
