namespace Registry.Grains.Abstractions;

/// <summary>A signing key of a tenant, with its private part (the gateway signs tokens with it).</summary>
[GenerateSerializer, Immutable]
[Alias("Registry.SigningKeyMaterial")]
public sealed record SigningKeyMaterial(
    [property: Id(0)] string KeyId,
    [property: Id(1)] string Algorithm,
    [property: Id(2)] byte[] Pkcs8PrivateKey,
    [property: Id(3)] DateTimeOffset CreatedAt);
