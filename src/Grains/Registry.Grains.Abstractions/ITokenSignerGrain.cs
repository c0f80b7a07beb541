namespace Registry.Grains.Abstractions;

/// <summary>
/// Signs a tenant's tokens in the silo (key: tenant name): a stateless worker, so a call runs on the silo that
/// receives it, with the tenant's private keys decrypted once per silo and kept in its memory. Gateways build the
/// JWS header and payload themselves and send only the signing input.
/// </summary>
[Alias("Registry.ITokenSignerGrain")]
public interface ITokenSignerGrain : IGrainWithStringKey
{
    /// <summary>
    /// The JWS signature (RFC 7515 §5.1) of <paramref name="signingInput"/> (ASCII of base64url(header) '.'
    /// base64url(payload)) with the tenant's key <paramref name="keyId"/>; empty when the tenant has no such key.
    /// </summary>
    [Alias("Sign")]
    ValueTask<byte[]> Sign(string keyId, byte[] signingInput);
}
