namespace Registry.Protocol.Errors;

/// <summary>
/// An expected failure, as a value: the OAuth error code, a human-readable description and the HTTP
/// status it is answered with. This type is the one place where codes map to statuses.
/// </summary>
public sealed record OAuthError
{
    private OAuthError(string code, string description, int status)
    {
        Code = code;
        Description = SanitizeDescription(description);
        Status = status;
    }

    public string Code { get; }

    public string Description { get; }

    public int Status { get; }

    public static OAuthError Of(string code, string description) => new(code, description, StatusFor(code));

    public static OAuthError InvalidRequest(string description) => Of(OAuthErrorCodes.InvalidRequest, description);

    public static OAuthError InvalidClient(string description) => Of(OAuthErrorCodes.InvalidClient, description);

    public static OAuthError InvalidClientMetadata(string description) => Of(OAuthErrorCodes.InvalidClientMetadata, description);

    public static OAuthError InvalidRedirectUri(string description) => Of(OAuthErrorCodes.InvalidRedirectUri, description);

    public static OAuthError InvalidToken(string description) => Of(OAuthErrorCodes.InvalidToken, description);

    /// <summary>The body exceeds the configured cap (HTTP 413).</summary>
    public static OAuthError PayloadTooLarge(string description) => new(OAuthErrorCodes.InvalidRequest, description, 413);

    /// <summary>The body is not in the media type the endpoint accepts (HTTP 415).</summary>
    public static OAuthError UnsupportedMediaType(string description) => new(OAuthErrorCodes.InvalidRequest, description, 415);

    /// <summary>The endpoint does not accept the HTTP method (HTTP 405).</summary>
    public static OAuthError MethodNotAllowed(string description) => new(OAuthErrorCodes.InvalidRequest, description, 405);

    /// <summary>The addressed resource (a tenant) does not exist (HTTP 404).</summary>
    public static OAuthError NotFound(string description) => new(OAuthErrorCodes.InvalidRequest, description, 404);

    /// <summary>The cluster cannot serve the request right now (HTTP 503, the client may retry).</summary>
    public static OAuthError Unavailable(string description) => new(OAuthErrorCodes.TemporarilyUnavailable, description, 503);

    private static int StatusFor(string code) => code switch
    {
        OAuthErrorCodes.InvalidClient or OAuthErrorCodes.InvalidToken => 401,
        OAuthErrorCodes.InsufficientScope => 403,
        OAuthErrorCodes.TemporarilyUnavailable => 503,
        OAuthErrorCodes.ServerError => 500,
        _ => 400,
    };

    /// <summary>
    /// RFC 6749 §5.2: error_description is limited to %x20-21 / %x23-5B / %x5D-7E. Descriptions may quote
    /// client input, so anything outside that set (quotes, backslashes, controls, non-ASCII) becomes '?'.
    /// </summary>
    private static string SanitizeDescription(string description)
    {
        const int MaxLength = 300;
        var text = description.Length > MaxLength ? description[..MaxLength] : description;
        foreach (var c in text)
        {
            if (!IsAllowed(c))
            {
                return string.Create(text.Length, text, static (span, source) =>
                {
                    for (var i = 0; i < source.Length; i++)
                    {
                        span[i] = IsAllowed(source[i]) ? source[i] : '?';
                    }
                });
            }
        }

        return text;
    }

    private static bool IsAllowed(char c) => c is >= '\x20' and <= '\x7E' and not '"' and not '\\';
}
