using System.Security.Cryptography;
using Registry.Protocol.Security;

namespace Registry.Grains.Tenants;

/// <summary>
/// A decrypted private key in the silo's memory (see <see cref="SigningKeyCache"/>): signs JWS inputs, RS256
/// (RSASSA-PKCS1-v1_5 with SHA-256) or ES256 (ECDSA P-256 with SHA-256, the fixed-size r||s form of RFC 7518 §3.4).
/// Never disposed: a signer may still be using a key when its tenant's list is replaced, and the handle is freed with it.
/// </summary>
public sealed class TokenSigningKey(string algorithm, AsymmetricAlgorithm key)
{
    public string Algorithm { get; } = algorithm;

    public byte[] Sign(byte[] signingInput) => Algorithm == JoseAlgorithms.ES256
        ? ((ECDsa)key).SignData(signingInput, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation)
        : ((RSA)key).SignData(signingInput, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
}
