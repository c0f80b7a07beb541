namespace Registry.Protocol.Errors;

/// <summary>
/// An expected failure, as a value: the OAuth error code (RFC 6749 §5.2, RFC 6750 §3.1, RFC 7591 §3.2.2), a
/// stable id naming the precise reason (one of <see cref="ErrorIds"/>, for logs, traces, alerts and tests)
/// and a human-readable description. How it is answered over HTTP (status, challenge, Retry-After) is
/// decided by the gateway, in one place.
/// </summary>
public sealed record OAuthError
{
    private const int MaxDescriptionLength = 300;

    public OAuthError(string code, string id, string description)
    {
        Code = code;
        Id = id;
        Description = SanitizeDescription(description);
    }

    public string Code { get; }

    public string Id { get; }

    public string Description { get; }

    /// <summary>For a refusal that passes with time (a limit): when to try again, in whole seconds (at least 1).</summary>
    public int? RetryAfterSeconds { get; init; }

    /// <summary>A limit was hit (answered 429 with Retry-After): the request may succeed after <paramref name="retryAfter"/>.</summary>
    public static OAuthError Throttled(string id, string description, TimeSpan retryAfter) =>
        new(OAuthErrorCodes.TemporarilyUnavailable, id, description) { RetryAfterSeconds = WholeSeconds(retryAfter) };

    /// <summary>A quota is exhausted: nothing changes until something is freed.</summary>
    public static OAuthError QuotaExceeded(string id, string description) => new(OAuthErrorCodes.AccessDenied, id, description);

    // Stryker disable once Equality : at exactly one day both branches answer 86400.
    private static int WholeSeconds(TimeSpan wait) => wait >= TimeSpan.FromDays(1) ? 86_400 : Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));

    public static OAuthError InvalidRequest(string id, string description) => new(OAuthErrorCodes.InvalidRequest, id, description);

    public static OAuthError InvalidGrant(string id, string description) => new(OAuthErrorCodes.InvalidGrant, id, description);

    public static OAuthError InvalidTarget(string id, string description) => new(OAuthErrorCodes.InvalidTarget, id, description);

    public static OAuthError UnsupportedResponseType(string id, string description) => new(OAuthErrorCodes.UnsupportedResponseType, id, description);

    public static OAuthError AccessDenied(string id, string description) => new(OAuthErrorCodes.AccessDenied, id, description);

    public static OAuthError InvalidClient(string id, string description) => new(OAuthErrorCodes.InvalidClient, id, description);

    public static OAuthError UnauthorizedClient(string id, string description) => new(OAuthErrorCodes.UnauthorizedClient, id, description);

    public static OAuthError UnsupportedGrantType(string id, string description) => new(OAuthErrorCodes.UnsupportedGrantType, id, description);

    public static OAuthError InvalidScope(string id, string description) => new(OAuthErrorCodes.InvalidScope, id, description);

    public static OAuthError InvalidToken(string id, string description) => new(OAuthErrorCodes.InvalidToken, id, description);

    public static OAuthError InsufficientScope(string id, string description) => new(OAuthErrorCodes.InsufficientScope, id, description);

    public static OAuthError InvalidRedirectUri(string id, string description) => new(OAuthErrorCodes.InvalidRedirectUri, id, description);

    public static OAuthError InvalidClientMetadata(string id, string description) => new(OAuthErrorCodes.InvalidClientMetadata, id, description);

    public static OAuthError TemporarilyUnavailable(string id, string description) => new(OAuthErrorCodes.TemporarilyUnavailable, id, description);

    public static OAuthError ServerError(string id, string description) => new(OAuthErrorCodes.ServerError, id, description);

    /// <summary>
    /// RFC 6749 §5.2: error_description is limited to %x20-21 / %x23-5B / %x5D-7E. Descriptions may quote
    /// client input, so anything outside that set (quotes, backslashes, controls, non-ASCII) becomes '?'.
    /// The result is also safe inside a quoted-string of a WWW-Authenticate challenge (RFC 9110 §5.6.4).
    /// </summary>
    private static string SanitizeDescription(string description)
    {
        var text = description[..Math.Min(description.Length, MaxDescriptionLength)];

        // Stryker disable once Conditional : the fast path only saves a copy; replacing nothing returns the same text.
        return text.AsSpan().ContainsAnyExcept(DescriptionChars.Allowed)
            ? string.Create(text.Length, text, static (span, source) =>
            {
                for (var i = 0; i < source.Length; i++)
                {
                    span[i] = DescriptionChars.Allowed.Contains(source[i]) ? source[i] : '?';
                }
            })
            : text;
    }
}
