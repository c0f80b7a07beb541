using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Registry.Gateway.Authorization;

/// <summary>
/// Authenticated encryption (AES-256-GCM) of what the front channel carries for a tenant: the sign-in transaction in
/// the upstream <c>state</c>, the user's session cookie, the consent form's request. Keys are derived (HMAC-SHA256, one
/// per purpose) from the tenant's identifier key, which every gateway already holds, so any gateway of the cluster opens
/// what another sealed and nothing needs storing; deleting the tenant (a new identifier key) voids all of it. The
/// purpose and tenant are bound as associated data, so a value sealed for one use never opens as another. Each sealed
/// value carries its expiry.
/// </summary>
internal sealed class Sealing
{
    private const int NonceSize = 12;
    private const int TagSize = 16;

    private readonly byte[] _rootKey;
    private readonly string _tenant;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte[]> _keys = new(StringComparer.Ordinal);

    public Sealing(byte[] identifierKey, string tenant)
    {
        _rootKey = HMACSHA256.HashData(identifierKey, "registry/front-channel/v1"u8);
        _tenant = tenant;
    }

    public string Seal<T>(string purpose, T value, DateTimeOffset expiresAt)
    {
        var payload = JsonSerializer.SerializeToUtf8Bytes(new Envelope<T>(expiresAt.ToUnixTimeSeconds(), value));
        var output = new byte[NonceSize + payload.Length + TagSize];
        var nonce = output.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var cipher = Cipher(purpose);
        cipher.Encrypt(nonce, payload, output.AsSpan(NonceSize, payload.Length), output.AsSpan(NonceSize + payload.Length), AssociatedData(purpose));
        return Base64Url.EncodeToString(output);
    }

    /// <summary>The value, or default when the text was not sealed by this tenant for this purpose, was altered, or has expired.</summary>
    public T? Open<T>(string purpose, string? sealedText, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(sealedText) || sealedText.Length > 16 * 1024)
        {
            return default;
        }

        var bytes = new byte[Base64Url.GetMaxDecodedLength(sealedText.Length)];
        if (Base64Url.DecodeFromChars(sealedText, bytes, out _, out var written) != System.Buffers.OperationStatus.Done || written < NonceSize + TagSize)
        {
            return default;
        }

        var data = bytes.AsSpan(0, written);
        var plain = new byte[written - NonceSize - TagSize];
        try
        {
            using var cipher = Cipher(purpose);
            cipher.Decrypt(data[..NonceSize], data[NonceSize..^TagSize], data[^TagSize..], plain, AssociatedData(purpose));
            var envelope = JsonSerializer.Deserialize<Envelope<T>>(plain);
            return envelope is not null && envelope.Exp > now.ToUnixTimeSeconds() ? envelope.Value : default;
        }
        catch (Exception e) when (e is AuthenticationTagMismatchException or CryptographicException or JsonException)
        {
            return default;
        }
    }

    /// <summary>A MAC of <paramref name="value"/> for <paramref name="purpose"/> (base64url): the consent form's CSRF token is the MAC of the session cookie.</summary>
    public string Mac(string purpose, string value)
    {
        var key = HMACSHA256.HashData(_rootKey, Encoding.UTF8.GetBytes("mac/" + purpose));
        return Base64Url.EncodeToString(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(value)));
    }

    public static bool FixedTimeEquals(string? a, string b) =>
        a is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(a), Encoding.UTF8.GetBytes(b));

    private byte[] AssociatedData(string purpose) => Encoding.UTF8.GetBytes(_tenant + "/" + purpose);

    /// <summary>A cipher under the purpose's key (AesGcm instances are not shared between threads; creating one is cheap).</summary>
    private AesGcm Cipher(string purpose) =>
        new(_keys.GetOrAdd(purpose, (p, root) => HMACSHA256.HashData(root, Encoding.UTF8.GetBytes("seal/" + p)), _rootKey), TagSize);

    private sealed record Envelope<T>(long Exp, T Value);
}
