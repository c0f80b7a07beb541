namespace Registry.Grains.Abstractions;

/// <summary>A signing key of the operator, with its private part (the gateway signs admin tokens with it; tenants' keys never leave the silo).</summary>
[GenerateSerializer, Immutable]
[Alias("Registry.SigningKeyMaterial")]
public sealed record SigningKeyMaterial(
    [property: Id(0)] string KeyId,
    [property: Id(1)] string Algorithm,
    [property: Id(2)] byte[] Pkcs8PrivateKey,
    [property: Id(3)] DateTimeOffset CreatedAt);
