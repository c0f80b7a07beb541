using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;
using Registry.Grains.Abstractions;
using Registry.Protocol.Security;

namespace Registry.Gateway.Tokens;

/// <summary>Signing key material from a grain (PKCS#8) made into key objects, once per load: a tenant's keys and the operator's.</summary>
internal static class SigningKeys
{
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
