namespace Registry.Protocol.Tokens;

/// <summary>RFC 6750 §2.1: reading "Authorization: Bearer b64token". Other ways of sending a token are not accepted.</summary>
public static class BearerCredentials
{
    /// <summary>Longest token read; anything longer is no token this server issued.</summary>
    public const int MaxTokenLength = 8192;

    /// <summary>
    /// The token of an Authorization header value: after the scheme (case-insensitive) and a space, with
    /// surrounding whitespace removed; null when the scheme is not Bearer or the token is empty or too long.
    /// </summary>
    public static string? Read(string? authorization)
    {
        const string Prefix = "Bearer ";
        if (authorization is null || !authorization.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var token = authorization.AsSpan(Prefix.Length).Trim();
        return token.Length is > 0 and <= MaxTokenLength ? token.ToString() : null;
    }
}
