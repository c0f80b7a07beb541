using System.Security.Cryptography;
using Registry.Gateway.Tokens;

namespace Registry.MicroBenchmarks;

/// <summary>Signs with one RSA key in this process: the issuer's own cost, without the grain call to the silo's signer.</summary>
internal sealed class InProcessSigner(RSA key) : ITokenSigner
{
    public ValueTask<byte[]> SignAsync(string tenant, string keyId, byte[] signingInput) =>
        ValueTask.FromResult(key.SignData(signingInput, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
}
