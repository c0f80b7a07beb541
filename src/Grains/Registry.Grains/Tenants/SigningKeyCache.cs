using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Registry.Grains.Abstractions;
using Registry.Protocol.Security;

namespace Registry.Grains.Tenants;

/// <summary>
/// Tenants' private signing keys decrypted in this silo's memory (one per silo, shared by its signer activations):
/// a key is decrypted once, when first asked for, and kept; a tenant's key list is re-read from its grain when a key
/// id is not known (a new key) and at least every <see cref="MaxAge"/> (so retired and deleted keys stop signing);
/// keys already decrypted are kept across re-reads, so only new keys are decrypted.
/// </summary>
public sealed partial class SigningKeyCache(ISigningKeyProtector protector, TimeProvider time, ILogger<SigningKeyCache> logger)
{
    /// <summary>How long a tenant's key list is used without asking its grain again.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, TenantKeys> _tenants = new(StringComparer.Ordinal);

    /// <summary>The tenant's key <paramref name="keyId"/>, loading the tenant's keys if needed; null when the tenant has no such key.</summary>
    public async ValueTask<TokenSigningKey?> FindAsync(string tenant, string keyId, IGrainFactory grains)
    {
        var now = time.GetTimestamp();
        // An unknown id re-reads the list at once: key ids come from gateways' tenant snapshots, never from callers
        // of the gateway, so a miss means a key newer than this silo's list.
        if (_tenants.TryGetValue(tenant, out var keys) && time.GetElapsedTime(keys.LoadedAt, now) < MaxAge
            && keys.Keys.TryGetValue(keyId, out var key))
        {
            return key;
        }

        var loaded = await LoadAsync(tenant, keys, grains);
        return loaded.Keys.GetValueOrDefault(keyId);
    }

    private async Task<TenantKeys> LoadAsync(string tenant, TenantKeys? previous, IGrainFactory grains)
    {
        var stored = await grains.GetGrain<ITenantGrain>(tenant).GetProtectedSigningKeys() ?? [];
        var keys = new Dictionary<string, TokenSigningKey>(stored.Length, StringComparer.Ordinal);
        foreach (var key in stored)
        {
            if (previous?.Keys.TryGetValue(key.KeyId, out var known) == true)
            {
                keys[key.KeyId] = known;
                continue;
            }

            try
            {
                keys[key.KeyId] = Decrypt(key);
            }
            catch (CryptographicException exception)
            {
                // Protected with a key ring this silo cannot read (another deployment's): that key cannot sign here.
                LogKeyUnreadable(logger, exception, tenant, key.KeyId);
            }
        }

        var loaded = new TenantKeys(keys.ToFrozenDictionary(StringComparer.Ordinal), time.GetTimestamp());
        _tenants[tenant] = loaded;
        return loaded;
    }

    private TokenSigningKey Decrypt(ProtectedSigningKey key)
    {
        var pkcs8 = protector.Unprotect(key.ProtectedPrivateKey);
        try
        {
            if (key.Algorithm == JoseAlgorithms.ES256)
            {
                var ec = ECDsa.Create();
                ec.ImportPkcs8PrivateKey(pkcs8, out _);
                return new TokenSigningKey(key.Algorithm, ec);
            }

            var rsa = RSA.Create();
            rsa.ImportPkcs8PrivateKey(pkcs8, out _);
            return new TokenSigningKey(key.Algorithm, rsa);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(pkcs8);
        }
    }

    private sealed record TenantKeys(FrozenDictionary<string, TokenSigningKey> Keys, long LoadedAt);

    [LoggerMessage(Level = LogLevel.Error, Message = "Tenant '{Tenant}': signing key {KeyId} cannot be decrypted with this silo's Data Protection key ring")]
    private static partial void LogKeyUnreadable(ILogger logger, Exception exception, string tenant, string keyId);
}
