using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;
using Registry.Gateway.Tokens;
using Registry.Grains.Abstractions;

namespace Registry.Gateway.Tests.Infrastructure;

/// <summary>Signs in the test's process with keys it made (the silo's signer's stand-in for tests of the gateway's token code alone).</summary>
internal sealed class LocalTokenSigner : ITokenSigner, IDisposable
{
    private readonly Dictionary<string, RSA> _keys = new(StringComparer.Ordinal);

    /// <summary>A new RS256 key, active since <paramref name="activatesAt"/> (default: now), as a tenant snapshot carries it.</summary>
    public PublicSigningKey NewKey(DateTimeOffset? activatesAt = null)
    {
        var rsa = RSA.Create(2048);
        var kid = Guid.NewGuid().ToString("N");
        _keys[kid] = rsa;
        return new PublicSigningKey(kid, "RS256", rsa.ExportSubjectPublicKeyInfo(), activatesAt ?? DateTimeOffset.UtcNow);
    }

    /// <summary>The private key as credentials, for tests that sign tokens the issuer would not write.</summary>
    public SigningCredentials Credentials(string kid) => new(new RsaSecurityKey(_keys[kid]) { KeyId = kid }, SecurityAlgorithms.RsaSha256);

    public ValueTask<byte[]> SignAsync(string tenant, string keyId, byte[] signingInput) =>
        ValueTask.FromResult(_keys.TryGetValue(keyId, out var rsa) ? rsa.SignData(signingInput, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1) : []);

    public void Dispose()
    {
        foreach (var key in _keys.Values)
        {
            key.Dispose();
        }
    }
}
