using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Registry.Grains.Abstractions;

/// <summary>
/// How a revoked access token is named: by the SHA-256 of its jti (a token id never appears in a grain key, a row or a
/// trace), in the shard "{tenant}/{0-f}" chosen by the hash's first byte, so a tenant's revocations spread evenly.
/// </summary>
public static class RevokedTokenKeys
{
    /// <summary>Shards per tenant: enough to spread a busy tenant's revocations over silos, few enough to stay cheap.</summary>
    public const int Shards = 16;

    /// <summary>The hash of <paramref name="jti"/> as stored (base64url, no padding).</summary>
    public static string Hash(string jti) => Base64Url.EncodeToString(SHA256.HashData(Encoding.UTF8.GetBytes(jti)));

    /// <summary>The key of the shard that holds <paramref name="jtiHash"/> for <paramref name="tenant"/>.</summary>
    public static string Shard(string tenant, string jtiHash)
    {
        Span<byte> first = stackalloc byte[3];
        _ = Base64Url.DecodeFromChars(jtiHash.AsSpan(0, 4), first, out _, out _);
        return string.Concat(tenant, "/", (first[0] % Shards).ToString("x", System.Globalization.CultureInfo.InvariantCulture));
    }
}
