namespace Registry.Protocol.Errors;

/// <summary>The error codes Registry answers with, as registered by the RFCs that define them.</summary>
public static class OAuthErrorCodes
{
    // RFC 6749 §5.2 (token endpoint)
    public const string InvalidRequest = "invalid_request";
    public const string InvalidClient = "invalid_client";
    public const string InvalidGrant = "invalid_grant";
    public const string UnauthorizedClient = "unauthorized_client";
    public const string UnsupportedGrantType = "unsupported_grant_type";
    public const string InvalidScope = "invalid_scope";

    // RFC 6749 §4.1.2.1 (authorization endpoint)
    public const string UnsupportedResponseType = "unsupported_response_type";

    // RFC 8707 §2 (resource indicators)
    public const string InvalidTarget = "invalid_target";

    // RFC 6750 §3.1 (bearer-protected endpoints)
    public const string InvalidToken = "invalid_token";
    public const string InsufficientScope = "insufficient_scope";

    // RFC 7591 §3.2.2 (registration)
    public const string InvalidRedirectUri = "invalid_redirect_uri";
    public const string InvalidClientMetadata = "invalid_client_metadata";
    public const string InvalidSoftwareStatement = "invalid_software_statement";
    public const string UnapprovedSoftwareStatement = "unapproved_software_statement";

    // RFC 6749 §4.1.2.1 (usable on any endpoint)
    public const string ServerError = "server_error";
    public const string TemporarilyUnavailable = "temporarily_unavailable";
    public const string AccessDenied = "access_denied";
}
