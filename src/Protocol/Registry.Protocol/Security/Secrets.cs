using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Registry.Protocol.Security;

/// <summary>
/// Server-generated secrets (client ids and registration access tokens: <see cref="ClientIdentifiers"/>).
/// Secrets carry 256 bits of randomness, so a single SHA-256 is the right storage hash (no
/// password-stretching needed); only hashes are ever stored.
/// </summary>
public static class Secrets
{
    /// <summary>A new JWT id (jti, RFC 7519 §4.1.7): 128 random bits, base64url (22 characters).</summary>
    public static string NewTokenId() => Random(16);

    /// <summary>A new client secret or registration access token: 256 random bits, base64url (43 characters).</summary>
    public static string NewSecret() => Random(32);

    public static byte[] Hash(string secret)
    {
        var bytes = Encoding.UTF8.GetBytes(secret);
        return SHA256.HashData(bytes);
    }

    /// <summary>Constant-time check of a presented secret against a stored hash (the length leaks nothing: both are 32 bytes).</summary>
    public static bool Matches(string? presented, byte[]? storedHash)
    {
        if (presented is null || storedHash is not { Length: SHA256.HashSizeInBytes })
        {
            return false;
        }

        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        var maxBytes = Encoding.UTF8.GetMaxByteCount(presented.Length);
        // Stryker disable once all : where the buffer lives (stack or heap) changes nothing but an allocation.
        var buffer = maxBytes <= 512 ? stackalloc byte[maxBytes] : new byte[maxBytes];
        var length = Encoding.UTF8.GetBytes(presented, buffer);
        SHA256.HashData(buffer[..length], hash);
        return CryptographicOperations.FixedTimeEquals(hash, storedHash);
    }

    private static string Random(int byteCount)
    {
        Span<byte> bytes = stackalloc byte[byteCount];
        RandomNumberGenerator.Fill(bytes);
        return Base64Url.EncodeToString(bytes);
    }
}
