using System.Buffers;

namespace Registry.Protocol.Security;

/// <summary>The base64url alphabet (RFC 4648 §5), for shape checks of identifiers, secrets and JWS segments.</summary>
public static class Base64UrlChars
{
    public static readonly SearchValues<char> Alphabet =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");

    public static bool IsBase64Url(ReadOnlySpan<char> value) => value.IndexOfAnyExcept(Alphabet) < 0;
}
