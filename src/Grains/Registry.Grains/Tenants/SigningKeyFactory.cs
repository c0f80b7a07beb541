using System.Security.Cryptography;
using Registry.Grains.Abstractions;
using Registry.Protocol.Security;

namespace Registry.Grains.Tenants;

/// <summary>
/// New signing keys (RS256: RSA 2048; ES256: P-256) as stored — protected — and
/// stored keys as others get them (public keys for gateways, protected ones for the signer).
/// </summary>
internal static class SigningKeyFactory
{
    private const int RsaKeySize = 2048;

    /// <summary>A tenant key signing from <paramref name="activatesAt"/>: its private key protected, the clear copy wiped.</summary>
    public static StoredSigningKey NewProtected(string algorithm, DateTimeOffset now, DateTimeOffset activatesAt, ISigningKeyProtector protector)
    {
        var (keyId, pkcs8, spki) = Generate(algorithm);
        try
        {
            return new StoredSigningKey
            {
                KeyId = keyId,
                Algorithm = algorithm,
                ProtectedPrivateKey = protector.Protect(pkcs8),
                PublicKey = spki,
                CreatedAt = now,
                ActivatesAt = activatesAt,
            };
        }
        finally
        {
            CryptographicOperations.ZeroMemory(pkcs8);
        }
    }

    /// <summary>A key stored in clear (tenant documents of version 4 and older) rewritten protected, with its public key.</summary>
    public static StoredSigningKey Protect(StoredSigningKey legacy, ISigningKeyProtector protector)
    {
        var pkcs8 = legacy.Pkcs8PrivateKey!;
        var key = legacy.Copy();
        key.PublicKey = PublicKeyOf(legacy.Algorithm, pkcs8);
        key.ProtectedPrivateKey = protector.Protect(pkcs8);
        key.Pkcs8PrivateKey = null;
        key.ActivatesAt ??= legacy.CreatedAt;
        return key;
    }

    /// <summary>The public keys, newest activation first (a gateway signs with the first one already active).</summary>
    public static PublicSigningKey[] PublicKeys(IEnumerable<StoredSigningKey> keys) =>
        [.. keys.OrderByDescending(k => k.Activation()).Select(k => new PublicSigningKey(k.KeyId, k.Algorithm, k.PublicKey ?? [], k.Activation()))];

    public static ProtectedSigningKey[] Protected(IEnumerable<StoredSigningKey> keys) =>
        [.. keys.Where(k => k.ProtectedPrivateKey is not null).Select(k => new ProtectedSigningKey(k.KeyId, k.Algorithm, k.ProtectedPrivateKey!))];

    /// <summary>
    /// The operator's keys, decrypted for the gateway that signs admin tokens: the current (first) is the newest key of
    /// <paramref name="algorithm"/>; every key validates.
    /// </summary>
    public static SigningKeyMaterial[] Material(IEnumerable<StoredSigningKey> keys, string algorithm, ISigningKeyProtector protector) =>
        [.. keys.OrderBy(k => k.Algorithm == algorithm ? 0 : 1).ThenByDescending(k => k.CreatedAt)
            .Select(k => new SigningKeyMaterial(k.KeyId, k.Algorithm, k.ProtectedPrivateKey is { } p ? protector.Unprotect(p) : k.Pkcs8PrivateKey ?? [], k.CreatedAt))];

    private static (string KeyId, byte[] Pkcs8, byte[] Spki) Generate(string algorithm)
    {
        if (algorithm == JoseAlgorithms.ES256)
        {
            using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            return (PublicJwk.FromEc(ec.ExportParameters(false), algorithm).Kid, ec.ExportPkcs8PrivateKey(), ec.ExportSubjectPublicKeyInfo());
        }

        using var rsa = RSA.Create(RsaKeySize);
        return (PublicJwk.FromRsa(rsa.ExportParameters(false), algorithm).Kid, rsa.ExportPkcs8PrivateKey(), rsa.ExportSubjectPublicKeyInfo());
    }

    private static byte[] PublicKeyOf(string algorithm, byte[] pkcs8)
    {
        if (algorithm == JoseAlgorithms.ES256)
        {
            using var ec = ECDsa.Create();
            ec.ImportPkcs8PrivateKey(pkcs8, out _);
            return ec.ExportSubjectPublicKeyInfo();
        }

        using var rsa = RSA.Create();
        rsa.ImportPkcs8PrivateKey(pkcs8, out _);
        return rsa.ExportSubjectPublicKeyInfo();
    }
}
