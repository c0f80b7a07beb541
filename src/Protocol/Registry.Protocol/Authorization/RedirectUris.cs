namespace Registry.Protocol.Authorization;

/// <summary>
/// Matching a requested redirect URI against the registered ones (RFC 6749 §3.1.2.3, OAuth 2.0 Security BCP §4.1.3):
/// exact string comparison, with one exception — RFC 8252 §7.3: for a loopback redirect URI over http (127.0.0.1,
/// [::1], or localhost) any port is accepted, since a native app takes whatever port is free when it asks; scheme,
/// host, path and query must still be equal.
/// </summary>
public static class RedirectUris
{
    /// <summary>The redirect URI to use: <paramref name="requested"/> when it matches a registered one; when the request
    /// names none, the only registered one (RFC 6749 §3.1.2.3); otherwise null.</summary>
    public static string? Resolve(IReadOnlyList<string> registered, string? requested)
    {
        if (requested is null)
        {
            return registered is [var only] ? only : null;
        }

        foreach (var candidate in registered)
        {
            if (string.Equals(candidate, requested, StringComparison.Ordinal) || LoopbackMatch(candidate, requested))
            {
                return requested;
            }
        }

        return null;
    }

    public static bool IsLoopbackHttp(Uri uri) =>
        uri.Scheme == Uri.UriSchemeHttp && (uri.Host is "127.0.0.1" or "[::1]" or "localhost");

    private static bool LoopbackMatch(string registered, string requested)
    {
        if (!Uri.TryCreate(registered, UriKind.Absolute, out var r) || !Uri.TryCreate(requested, UriKind.Absolute, out var q))
        {
            return false;
        }

        return IsLoopbackHttp(r) && IsLoopbackHttp(q)
            && string.Equals(r.Host, q.Host, StringComparison.Ordinal)
            && string.IsNullOrEmpty(q.UserInfo) && string.IsNullOrEmpty(q.Fragment)
            && string.Equals(r.AbsolutePath, q.AbsolutePath, StringComparison.Ordinal)
            && string.Equals(r.Query, q.Query, StringComparison.Ordinal)
            && SameTextApartFromPort(registered, r, requested, q);
    }

    /// <summary>The URIs as written differ only in their port: guards against equal parsed forms of different texts.</summary>
    private static bool SameTextApartFromPort(string registered, Uri r, string requested, Uri q) =>
        string.Equals(WithoutPort(registered, r), WithoutPort(requested, q), StringComparison.Ordinal);

    private static string WithoutPort(string text, Uri uri)
    {
        var authority = uri.Scheme + "://" + uri.Host;
        if (!text.StartsWith(authority, StringComparison.Ordinal))
        {
            return text;
        }

        var rest = text[authority.Length..];
        if (rest.StartsWith(':'))
        {
            var end = rest.IndexOfAny(['/', '?', '#']);
            rest = end < 0 ? "" : rest[end..];
        }

        return authority + rest;
    }
}
