namespace Registry.Grains.Abstractions;

/// <summary>
/// A tenant's signing key as gateways get it: public only (the private key never leaves the silo, see
/// <see cref="ITokenSignerGrain"/>). A gateway signs with the newest key whose <see cref="ActivatesAt"/> has come, so a
/// pre-published next key takes over without a new snapshot.
/// </summary>
[GenerateSerializer, Immutable]
[Alias("Registry.PublicSigningKey")]
public sealed record PublicSigningKey(
    [property: Id(0)] string KeyId,
    [property: Id(1)] string Algorithm,
    [property: Id(2)] byte[] SubjectPublicKeyInfo,
    [property: Id(3)] DateTimeOffset ActivatesAt);
