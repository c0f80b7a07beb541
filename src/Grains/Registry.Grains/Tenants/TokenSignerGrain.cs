using Orleans.Concurrency;
using Registry.Grains.Abstractions;

namespace Registry.Grains.Tenants;

/// <summary>
/// Signs a tenant's tokens in the silo that receives the call (a stateless worker: activations are local, as many as
/// the silo's cores, and reentrant, so a key load never holds up signing). The keys come decrypted from the silo's
/// <see cref="SigningKeyCache"/>: the hot path is a dictionary lookup and the signature itself.
/// </summary>
[GrainType(RegistryGrainTypes.TokenSigner)]
[StatelessWorker]
[Reentrant]
internal sealed class TokenSignerGrain(SigningKeyCache cache) : Grain, ITokenSignerGrain
{
    public ValueTask<byte[]> Sign(string keyId, byte[] signingInput) =>
        SiloTokenSigner.Sign(cache.FindAsync(this.GetPrimaryKeyString(), keyId, GrainFactory), signingInput);
}
