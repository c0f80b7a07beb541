using System.Security.Cryptography;
using Registry.Grains.Abstractions;
using Registry.Protocol.Security;

namespace Registry.Grains.Tenants;

/// <summary>New signing keys (RS256: RSA 2048; ES256: P-256) as stored, and stored keys as the gateway gets them.</summary>
internal static class SigningKeyFactory
{
    private const int RsaKeySize = 2048;

    public static StoredSigningKey New(string algorithm, DateTimeOffset now)
    {
        if (algorithm == JoseAlgorithms.ES256)
        {
            using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            return Stored(PublicJwk.FromEc(ec.ExportParameters(false), algorithm).Kid, algorithm, ec.ExportPkcs8PrivateKey(), now);
        }

        using var rsa = RSA.Create(RsaKeySize);
        return Stored(PublicJwk.FromRsa(rsa.ExportParameters(false), algorithm).Kid, algorithm, rsa.ExportPkcs8PrivateKey(), now);
    }

    /// <summary>The current key (first) is the newest key of <paramref name="algorithm"/>; every key validates.</summary>
    public static SigningKeyMaterial[] Material(IEnumerable<StoredSigningKey> keys, string algorithm) =>
        [.. keys.OrderBy(k => k.Algorithm == algorithm ? 0 : 1).ThenByDescending(k => k.CreatedAt)
            .Select(k => new SigningKeyMaterial(k.KeyId, k.Algorithm, k.Pkcs8PrivateKey, k.CreatedAt))];

    private static StoredSigningKey Stored(string keyId, string algorithm, byte[] pkcs8, DateTimeOffset now) => new()
    {
        KeyId = keyId,
        Algorithm = algorithm,
        Pkcs8PrivateKey = pkcs8,
        CreatedAt = now,
    };
}
