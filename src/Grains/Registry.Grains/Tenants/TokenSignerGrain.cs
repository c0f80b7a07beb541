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
    public ValueTask<byte[]> Sign(string keyId, byte[] signingInput)
    {
        var found = cache.FindAsync(this.GetPrimaryKeyString(), keyId, GrainFactory);
        return found.IsCompletedSuccessfully ? ValueTask.FromResult(SignWith(found.Result, signingInput)) : SignLaterAsync(found, signingInput);
    }

    private static async ValueTask<byte[]> SignLaterAsync(ValueTask<TokenSigningKey?> found, byte[] signingInput) => SignWith(await found, signingInput);

    private static byte[] SignWith(TokenSigningKey? key, byte[] signingInput) => key?.Sign(signingInput) ?? [];
}
