using Registry.Grains.Abstractions;

namespace Registry.Grains.Tenants;

/// <summary>Signs from this silo's <see cref="SigningKeyCache"/>, as <see cref="TokenSignerGrain"/> does, for callers in the silo's process.</summary>
internal sealed class SiloTokenSigner(SigningKeyCache cache, IGrainFactory grains) : ISiloTokenSigner
{
    public ValueTask<byte[]> Sign(string tenant, string keyId, byte[] signingInput) => Sign(cache.FindAsync(tenant, keyId, grains), signingInput);

    /// <summary>The signature once <paramref name="found"/> is known: at once for a cached key (the hot path), else after the load.</summary>
    internal static ValueTask<byte[]> Sign(ValueTask<TokenSigningKey?> found, byte[] signingInput) =>
        found.IsCompletedSuccessfully ? ValueTask.FromResult(SignWith(found.Result, signingInput)) : SignLaterAsync(found, signingInput);

    private static async ValueTask<byte[]> SignLaterAsync(ValueTask<TokenSigningKey?> found, byte[] signingInput) => SignWith(await found, signingInput);

    private static byte[] SignWith(TokenSigningKey? key, byte[] signingInput) => key?.Sign(signingInput) ?? [];
}
