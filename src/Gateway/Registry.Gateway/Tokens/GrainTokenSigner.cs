using Registry.Gateway.Http;
using Registry.Grains.Abstractions;

namespace Registry.Gateway.Tokens;

/// <summary>
/// Signs in the cluster: the tenant's signer grain is a stateless worker, so the silo receiving the call signs. The
/// embedded default's gateway shares its process with its silo and signs through the silo's <see cref="ISiloTokenSigner"/>
/// instead, without a grain call (measured: the call cost about 7 % of /token's throughput).
/// </summary>
/// <remarks>
/// The grain call is retried like every other (a silo lost mid-call): a code or refresh token is already redeemed
/// when its access token is signed, so a signature lost to a transient failure would cost the client its grant.
/// </remarks>
internal sealed class GrainTokenSigner(IGrainFactory grains, GrainCalls calls, ISiloTokenSigner? silo = null) : ITokenSigner
{
    public ValueTask<byte[]> SignAsync(string tenant, string keyId, byte[] signingInput) =>
        silo is not null ? silo.Sign(tenant, keyId, signingInput) : new(SignInClusterAsync(tenant, keyId, signingInput));

    private Task<byte[]> SignInClusterAsync(string tenant, string keyId, byte[] signingInput) =>
        calls.RetryAsync(
            (Signer: grains.GetGrain<ITokenSignerGrain>(tenant), KeyId: keyId, Input: signingInput),
            s => s.Signer.Sign(s.KeyId, s.Input).AsTask(),
            CancellationToken.None);
}
