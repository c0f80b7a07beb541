using Registry.Grains.Abstractions;

namespace Registry.Gateway.Tokens;

/// <summary>Signs in the cluster: the tenant's signer grain is a stateless worker, so the silo receiving the call signs.</summary>
internal sealed class GrainTokenSigner(IGrainFactory grains) : ITokenSigner
{
    public ValueTask<byte[]> SignAsync(string tenant, string keyId, byte[] signingInput) =>
        grains.GetGrain<ITokenSignerGrain>(tenant).Sign(keyId, signingInput);
}
