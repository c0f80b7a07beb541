using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;
using Registry.Grains.Abstractions;
using Registry.Protocol.Security;

namespace Registry.Gateway.Tokens;

/// <summary>Key material from a grain made into key objects, once per load: a tenant's public keys, the operator's private ones (PKCS#8).</summary>
internal static class SigningKeys
{
    /// <summary>A tenant's public key (SubjectPublicKeyInfo) as a validation key and JWK; the key object is owned like <see cref="Load"/>'s.</summary>
    public static (SecurityKey Key, PublicJwk Jwk) LoadPublic(PublicSigningKey key, ICollection<AsymmetricAlgorithm> owned) =>
        Create(key.KeyId, key.Algorithm, key.SubjectPublicKeyInfo, owned, static (a, bytes) => a.ImportSubjectPublicKeyInfo(bytes, out _));

    /// <summary>The key object (owned by the caller, which disposes <paramref name="owned"/>), its security key and its public JWK.</summary>
    public static (SecurityKey Key, PublicJwk Jwk) Load(SigningKeyMaterial material, ICollection<AsymmetricAlgorithm> owned) =>
        Create(material.KeyId, material.Algorithm, material.Pkcs8PrivateKey, owned, static (a, bytes) => a.ImportPkcs8PrivateKey(bytes, out _));

    /// <summary>An ES256 (P-256) or RS256 key object from <paramref name="encoded"/> as <paramref name="import"/> reads it.</summary>
    private static (SecurityKey Key, PublicJwk Jwk) Create(
        string keyId, string algorithm, byte[] encoded, ICollection<AsymmetricAlgorithm> owned, Action<AsymmetricAlgorithm, byte[]> import)
    {
        if (algorithm == JoseAlgorithms.ES256)
        {
            var ec = ECDsa.Create();
            owned.Add(ec);
            import(ec, encoded);
            return (new ECDsaSecurityKey(ec) { KeyId = keyId }, PublicJwk.FromEc(ec.ExportParameters(false), algorithm, keyId));
        }

        var rsa = RSA.Create();
        owned.Add(rsa);
        import(rsa, encoded);
        return (new RsaSecurityKey(rsa) { KeyId = keyId }, PublicJwk.FromRsa(rsa.ExportParameters(false), algorithm, keyId));
    }
}
