namespace Registry.Grains.Abstractions;

/// <summary>
/// What <see cref="ITokenSignerGrain"/> does, offered as a service of the silo to code in the silo's own process: the
/// embedded default's gateway, co-hosted with its silo, signs through it without a grain call (the keys are in that
/// process's memory either way). A gateway of a cluster has no silo in its process and calls the grain.
/// </summary>
public interface ISiloTokenSigner
{
    /// <summary>The JWS signature of <paramref name="signingInput"/> with the tenant's key <paramref name="keyId"/>; empty when the tenant has no such key.</summary>
    ValueTask<byte[]> Sign(string tenant, string keyId, byte[] signingInput);
}
