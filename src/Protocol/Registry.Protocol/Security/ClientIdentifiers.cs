using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Registry.Protocol.Security;

/// <summary>
/// The client ids, registration access tokens and initial access tokens one tenant issues. Each carries a MAC of its random part
/// under the tenant's identifier key (HMAC-SHA256, truncated), so the server tells an issued value from a
/// forged or mistyped one without any lookup: a forged identifier is refused before it costs a grain call
/// or a storage read. The MAC only says "issued by this tenant"; the client's grain still checks the
/// credential itself against its stored hash.
/// <list type="bullet">
/// <item>client_id = base64url(16 random bytes ‖ first 8 bytes of HMAC(key, "client_id:" ‖ random)): 32 characters.</item>
/// <item>registration access token = base64url(32 random bytes ‖ first 16 bytes of
/// HMAC(key, "registration_access_token:" ‖ UTF-8 client_id ‖ random)): 64 characters, bound to its client.</item>
/// <item>initial access token (RFC 7591 §3) = base64url(16 random id bytes ‖ 32 random bytes ‖ first 16 bytes of
/// HMAC(key, "initial_access_token:" ‖ id bytes ‖ random)): 86 characters; its id (what the operator lists and revokes
/// it by) is base64url of the id bytes, 22 characters.</item>
/// </list>
/// The lengths and the labels differ, so no kind of identifier verifies as another.
/// Clients registered before identifiers carried a MAC have plain ids (22 characters: 16 random bytes) and
/// plain tokens (43 characters: 32 random bytes); a tenant that had clients then accepts those shapes too
/// (<see cref="AcceptsLegacy"/>), a plain token only for a plain id.
/// </summary>
public sealed class ClientIdentifiers : IDisposable
{
    /// <summary>Length of a tenant's identifier key in bytes.</summary>
    public const int KeyBytes = 32;

    public const int ClientIdLength = 32;

    public const int RegistrationAccessTokenLength = 64;

    public const int InitialAccessTokenLength = 86;

    /// <summary>The id of an initial access token: its 16 id bytes, base64url.</summary>
    public const int InitialAccessTokenIdLength = 22;

    /// <summary>A client id issued before ids carried a MAC: 16 random bytes, base64url.</summary>
    public const int LegacyClientIdLength = 22;

    /// <summary>A registration access token issued before tokens carried a MAC: 32 random bytes, base64url.</summary>
    public const int LegacyRegistrationAccessTokenLength = 43;

    private const int ClientIdRandomBytes = 16;
    private const int ClientIdMacBytes = 8;
    private const int TokenRandomBytes = 32;
    private const int TokenMacBytes = 16;
    private const int InitialTokenIdBytes = 16;
    private const int InitialTokenRandomBytes = 32;
    private const int InitialTokenMacBytes = 16;
    private const int InitialTokenSignedBytes = InitialTokenIdBytes + InitialTokenRandomBytes;

    private static readonly byte[] ClientIdLabel = "client_id:"u8.ToArray();
    private static readonly byte[] TokenLabel = "registration_access_token:"u8.ToArray();
    private static readonly byte[] InitialTokenLabel = "initial_access_token:"u8.ToArray();

    /// <summary>
    /// The last character of 64 bytes in base64url carries 2 bits and 4 zero bits: one of these four. Any other would
    /// decode to the same bytes (RFC 4648 §3.5), a second spelling of the same token.
    /// </summary>
    private const string CanonicalLastOfInitialToken = "AQgw";

    private readonly byte[] _key;

    /// <summary>
    /// One keyed HMAC per thread, reset after each use: keying HMAC-SHA256 anew for every MAC (the one-shot API)
    /// costs more than the MAC itself on the hot paths that check an id and a token per request.
    /// </summary>
    private readonly ThreadLocal<IncrementalHash> _hmac;

    /// <summary>
    /// The client id this thread verified last, by reference: a request checks the same id string more than once
    /// (for the audit trail and for access), and a hit needs the very same string instance, so it is never wrong.
    /// </summary>
    private readonly ThreadLocal<string?> _lastVerified = new();

    public ClientIdentifiers(ReadOnlySpan<byte> key, bool acceptsLegacy)
    {
        if (key.Length != KeyBytes)
        {
            throw new ArgumentException($"an identifier key has {KeyBytes} bytes", nameof(key));
        }

        _key = key.ToArray();
        _hmac = new ThreadLocal<IncrementalHash>(() => IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, _key), trackAllValues: true);
        AcceptsLegacy = acceptsLegacy;
    }

    /// <summary>Whether ids and tokens issued before they carried a MAC are still accepted (a tenant that had clients then).</summary>
    public bool AcceptsLegacy { get; }

    /// <summary>A new identifier key: 256 random bits.</summary>
    public static byte[] NewKey() => RandomNumberGenerator.GetBytes(KeyBytes);

    /// <summary>Whether a value has the shape of a legacy client id (no MAC; only its grain can tell whether it exists).</summary>
    public static bool IsLegacyClientId(string value) =>
        value.Length == LegacyClientIdLength && Base64UrlChars.IsBase64Url(value);

    public string NewClientId()
    {
        Span<byte> id = stackalloc byte[ClientIdRandomBytes + ClientIdMacBytes];
        RandomNumberGenerator.Fill(id[..ClientIdRandomBytes]);
        ClientIdMac(id[..ClientIdRandomBytes], id[ClientIdRandomBytes..]);
        return Base64Url.EncodeToString(id);
    }

    /// <summary>A new registration access token for <paramref name="clientId"/> (an id this tenant issued).</summary>
    public string NewRegistrationAccessToken(string clientId)
    {
        Span<byte> token = stackalloc byte[TokenRandomBytes + TokenMacBytes];
        RandomNumberGenerator.Fill(token[..TokenRandomBytes]);
        TokenMac(clientId, token[..TokenRandomBytes], token[TokenRandomBytes..]);
        return Base64Url.EncodeToString(token);
    }

    /// <summary>A new initial access token (RFC 7591 §3) and, in <paramref name="id"/>, the id it is listed and revoked by.</summary>
    public string NewInitialAccessToken(out string id)
    {
        Span<byte> token = stackalloc byte[InitialTokenSignedBytes + InitialTokenMacBytes];
        RandomNumberGenerator.Fill(token[..InitialTokenSignedBytes]);
        InitialTokenMac(token[..InitialTokenSignedBytes], token[InitialTokenSignedBytes..]);
        id = Base64Url.EncodeToString(token[..InitialTokenIdBytes]);
        return Base64Url.EncodeToString(token);
    }

    /// <summary>
    /// Whether this tenant issued <paramref name="token"/> as an initial access token (its MAC verifies, in constant
    /// time); if so, <paramref name="id"/> is its id, else empty. Whether it is still valid (expiry, uses, revocation)
    /// is for whoever keeps its record to say.
    /// </summary>
    public bool TryReadInitialAccessToken(string token, out string id)
    {
        id = "";
        // The length first: the decoder throws on lengths base64 never has.
        if (token.Length != InitialAccessTokenLength || !CanonicalLastOfInitialToken.Contains(token[^1], StringComparison.Ordinal))
        {
            return false;
        }

        Span<byte> raw = stackalloc byte[InitialTokenSignedBytes + InitialTokenMacBytes];
        Span<byte> expected = stackalloc byte[InitialTokenMacBytes];
        if (!TryDecode(token, raw))
        {
            return false;
        }

        InitialTokenMac(raw[..InitialTokenSignedBytes], expected);
        if (!CryptographicOperations.FixedTimeEquals(expected, raw[InitialTokenSignedBytes..]))
        {
            return false;
        }

        id = Base64Url.EncodeToString(raw[..InitialTokenIdBytes]);
        return true;
    }

    /// <summary>Whether this tenant issued <paramref name="value"/> as a client id (or it is a legacy id and legacy ids are accepted).</summary>
    public bool IsClientId(string value)
    {
        if (ReferenceEquals(value, _lastVerified.Value))
        {
            return true;
        }

        if (value.Length == ClientIdLength)
        {
            Span<byte> id = stackalloc byte[ClientIdRandomBytes + ClientIdMacBytes];
            Span<byte> expected = stackalloc byte[ClientIdMacBytes];
            if (!TryDecode(value, id))
            {
                return false;
            }

            ClientIdMac(id[..ClientIdRandomBytes], expected);
            if (!CryptographicOperations.FixedTimeEquals(expected, id[ClientIdRandomBytes..]))
            {
                return false;
            }

            _lastVerified.Value = value;
            return true;
        }

        return AcceptsLegacy && IsLegacyClientId(value);
    }

    /// <summary>
    /// Whether <paramref name="token"/> is a registration access token this tenant issued for
    /// <paramref name="clientId"/> (an id that passed <see cref="IsClientId"/>). A legacy client keeps its
    /// legacy token until its first update, which rotates it to one with a MAC.
    /// </summary>
    public bool IsRegistrationAccessToken(string clientId, string token)
    {
        if (token.Length == RegistrationAccessTokenLength)
        {
            Span<byte> raw = stackalloc byte[TokenRandomBytes + TokenMacBytes];
            Span<byte> expected = stackalloc byte[TokenMacBytes];
            if (!TryDecode(token, raw))
            {
                return false;
            }

            TokenMac(clientId, raw[..TokenRandomBytes], expected);
            return CryptographicOperations.FixedTimeEquals(expected, raw[TokenRandomBytes..]);
        }

        return AcceptsLegacy
            && IsLegacyClientId(clientId)
            && token.Length == LegacyRegistrationAccessTokenLength
            && Base64UrlChars.IsBase64Url(token);
    }

    private void ClientIdMac(ReadOnlySpan<byte> random, Span<byte> mac)
    {
        Span<byte> input = stackalloc byte[ClientIdLabel.Length + ClientIdRandomBytes];
        ClientIdLabel.CopyTo(input);
        random.CopyTo(input[ClientIdLabel.Length..]);
        Truncated(input, mac);
    }

    private void TokenMac(string clientId, ReadOnlySpan<byte> random, Span<byte> mac)
    {
        // The random part has a fixed length, so label ‖ client_id ‖ random parses one way only.
        var maxBytes = TokenLabel.Length + Encoding.UTF8.GetMaxByteCount(clientId.Length) + TokenRandomBytes;
        // Stryker disable once all : where the buffer lives (stack or heap) changes nothing but an allocation.
        var buffer = maxBytes <= 512 ? stackalloc byte[maxBytes] : new byte[maxBytes];
        TokenLabel.CopyTo(buffer);
        var length = TokenLabel.Length + Encoding.UTF8.GetBytes(clientId, buffer[TokenLabel.Length..]);
        random.CopyTo(buffer[length..]);
        Truncated(buffer[..(length + TokenRandomBytes)], mac);
    }

    private void InitialTokenMac(ReadOnlySpan<byte> idAndRandom, Span<byte> mac)
    {
        Span<byte> input = stackalloc byte[InitialTokenLabel.Length + InitialTokenSignedBytes];
        InitialTokenLabel.CopyTo(input);
        idAndRandom.CopyTo(input[InitialTokenLabel.Length..]);
        Truncated(input, mac);
    }

    private void Truncated(ReadOnlySpan<byte> input, Span<byte> mac)
    {
        Span<byte> full = stackalloc byte[HMACSHA256.HashSizeInBytes];
        var hmac = _hmac.Value!;
        hmac.AppendData(input);
        hmac.GetHashAndReset(full);
        full[..mac.Length].CopyTo(mac);
    }

    private static bool TryDecode(string value, Span<byte> destination) =>
        Base64UrlChars.IsBase64Url(value)
        && Base64Url.TryDecodeFromChars(value, destination, out var written)
        && written == destination.Length;

    /// <summary>Releases the per-thread HMACs (the tenant runtime owning this is being replaced).</summary>
    public void Dispose()
    {
        foreach (var hmac in _hmac.Values)
        {
            hmac.Dispose();
        }

        _hmac.Dispose();
        _lastVerified.Dispose();
    }
}
