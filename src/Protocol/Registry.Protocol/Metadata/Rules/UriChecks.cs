namespace Registry.Protocol.Metadata.Rules;

/// <summary>URI predicates shared by the rules.</summary>
internal static class UriChecks
{
    /// <summary>Schemes that would run code or read local files in a user agent; never a valid redirect.</summary>
    private static readonly string[] DangerousSchemes = ["javascript", "data", "vbscript", "file", "blob", "about"];

    /// <summary>
    /// An absolute URI that is well-formed as written (RFC 3986). .NET's parser alone also "repairs" strings
    /// such as "http://[::1]x/cb" or unescaped spaces, and takes "/path" for a file URI, while a redirect URI
    /// must be compared exactly as registered.
    /// </summary>
    public static bool TryParseAbsolute(string value, out Uri uri)
    {
        uri = null!;
        return Uri.IsWellFormedUriString(value, UriKind.Absolute) && Uri.TryCreate(value, UriKind.Absolute, out uri!) && HasValidIdnHost(uri);
    }

    /// <summary>
    /// Whether the host has an ASCII (IDNA) form: a Unicode host that IDNA refuses parses as a URI, but reading its
    /// <see cref="Uri.IdnHost"/> throws — such a URI is not one a client could be redirected to or fetched from.
    /// </summary>
    private static bool HasValidIdnHost(Uri uri)
    {
        try
        {
            _ = uri.IdnHost;
            return true;
        }
        catch (UriFormatException)
        {
            return false;
        }
    }

    /// <summary>
    /// Whether the authority of an absolute URI (RFC 3986 §3.2: "//" right after the scheme's ':', up to the
    /// first '/', '?' or '#') has a userinfo part, read from the text as written: even an empty one
    /// ("https://@host/") hides what the host is.
    /// </summary>
    public static bool HasUserInfo(string value)
    {
        var rest = value.AsSpan(value.IndexOf(':', StringComparison.Ordinal) + 1);
        if (!rest.StartsWith("//", StringComparison.Ordinal))
        {
            return false;
        }

        var authority = rest[2..];
        var end = authority.IndexOfAny('/', '?', '#');
        return (end < 0 ? authority : authority[..end]).Contains('@');
    }

    public static bool IsDangerous(Uri uri) => DangerousSchemes.Contains(uri.Scheme, StringComparer.OrdinalIgnoreCase);

    public static bool IsHttps(Uri uri) => uri.Scheme == Uri.UriSchemeHttps;

    public static bool IsHttp(Uri uri) => uri.Scheme == Uri.UriSchemeHttp;

    /// <summary>RFC 8252 §7.3 / §8.3: the loopback interface, by IP literal or the name localhost.</summary>
    public static bool IsLoopback(Uri uri) =>
        uri.IsLoopback && (uri.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6 || uri.Host == "localhost");

    /// <summary>An absolute http(s) URL: what a web page or a key-set location must be (.NET gives every one a host).</summary>
    public static bool IsWebUrl(string value, out Uri uri) =>
        TryParseAbsolute(value, out uri) && (IsHttps(uri) || IsHttp(uri));
}
