namespace Registry.Grains.Abstractions;

/// <summary>A tenant's signing key as the silo's signer loads it: its private key still protected (decrypted in the silo only).</summary>
[GenerateSerializer, Immutable]
[Alias("Registry.ProtectedSigningKey")]
public sealed record ProtectedSigningKey(
    [property: Id(0)] string KeyId,
    [property: Id(1)] string Algorithm,
    [property: Id(2)] byte[] ProtectedPrivateKey);
