namespace Registry.Gateway.Tokens;

/// <summary>Signs JWS inputs with a tenant's private key, which the gateway never holds (see <see cref="GrainTokenSigner"/>).</summary>
internal interface ITokenSigner
{
    /// <summary>The signature of <paramref name="signingInput"/> with the tenant's key <paramref name="keyId"/>; empty when the tenant has no such key.</summary>
    ValueTask<byte[]> SignAsync(string tenant, string keyId, byte[] signingInput);
}
