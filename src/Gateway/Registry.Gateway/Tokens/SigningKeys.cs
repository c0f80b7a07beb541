using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;
using Registry.Grains.Abstractions;
using Registry.Protocol.Security;

namespace Registry.Gateway.Tokens;

/// <summary>Key material from a grain made into key objects, once per load: a tenant's public keys, the operator's private ones (PKCS#8).</summary>
internal static class SigningKeys
{
    /// <summary>A tenant's public key (SubjectPublicKeyInfo) as a validation key and JWK; the key object is owned like <see cref="Load"/>'s.</summary>
    public static (SecurityKey Key, PublicJwk Jwk) LoadPublic(PublicSigningKey key, ICollection<AsymmetricAlgorithm> owned)
    {
        if (key.Algorithm == JoseAlgorithms.ES256)
        {
            var ec = ECDsa.Create();
            ec.ImportSubjectPublicKeyInfo(key.SubjectPublicKeyInfo, out _);
            owned.Add(ec);
            return (new ECDsaSecurityKey(ec) { KeyId = key.KeyId }, PublicJwk.FromEc(ec.ExportParameters(false), key.Algorithm, key.KeyId));
        }

        var rsa = RSA.Create();
        rsa.ImportSubjectPublicKeyInfo(key.SubjectPublicKeyInfo, out _);
        owned.Add(rsa);
        return (new RsaSecurityKey(rsa) { KeyId = key.KeyId }, PublicJwk.FromRsa(rsa.ExportParameters(false), key.Algorithm, key.KeyId));
    }

    /// <summary>The key object (owned by the caller, which disposes <paramref name="owned"/>), its security key and its public JWK.</summary>
    public static (SecurityKey Key, PublicJwk Jwk) Load(SigningKeyMaterial material, ICollection<AsymmetricAlgorithm> owned)
    {
        if (material.Algorithm == JoseAlgorithms.ES256)
        {
            var ec = ECDsa.Create();
            ec.ImportPkcs8PrivateKey(material.Pkcs8PrivateKey, out _);
            owned.Add(ec);
            return (new ECDsaSecurityKey(ec) { KeyId = material.KeyId }, PublicJwk.FromEc(ec.ExportParameters(false), material.Algorithm, material.KeyId));
        }

        var rsa = RSA.Create();
        rsa.ImportPkcs8PrivateKey(material.Pkcs8PrivateKey, out _);
        owned.Add(rsa);
        return (new RsaSecurityKey(rsa) { KeyId = material.KeyId }, PublicJwk.FromRsa(rsa.ExportParameters(false), material.Algorithm, material.KeyId));
    }
}
