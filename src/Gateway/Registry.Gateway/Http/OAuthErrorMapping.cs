using Registry.Grains.Abstractions;
using Registry.Protocol.Errors;
using Registry.Protocol.Metadata;

namespace Registry.Gateway.Http;

/// <summary>
/// The one place an <see cref="OAuthError"/> (and a client grain's refusal) becomes HTTP: the status, the
/// WWW-Authenticate challenge and Retry-After, decided by the kind of endpoint and the error's code and id.
/// </summary>
internal static class OAuthErrorMapping
{
    private const string Realm = "registry";
    private const string AdminRealm = "registry-admin";

    public static int StatusOf(EndpointKind endpoint, OAuthError error) => error.Id switch
    {
        ErrorIds.RequestBodyTooLarge => StatusCodes.Status413PayloadTooLarge,
        ErrorIds.RequestBodyTooSlow => StatusCodes.Status408RequestTimeout,

        // RFC 6749 §3.2: a token request that is not form-encoded is an invalid_request (400), not a 415.
        ErrorIds.RequestMediaType => endpoint == EndpointKind.Token ? StatusCodes.Status400BadRequest : StatusCodes.Status415UnsupportedMediaType,
        ErrorIds.RequestMethodNotAllowed => StatusCodes.Status405MethodNotAllowed,
        ErrorIds.RequestNotFound or ErrorIds.TenantUnknown or ErrorIds.AdminDisabled or ErrorIds.AdminTenantNotFound
            or ErrorIds.AdminClientNotFound or ErrorIds.AdminTokenNotFound or ErrorIds.AdminConsentNotFound => StatusCodes.Status404NotFound,
        ErrorIds.AdminTenantExists or ErrorIds.AdminTenantConfigured or ErrorIds.AdminTenantLimit or ErrorIds.AdminModeMismatch or ErrorIds.AdminTokenLimit => StatusCodes.Status409Conflict,

        // RFC 6585 §4: a limit; Retry-After says when the request may pass.
        _ when error.RetryAfterSeconds is not null => StatusCodes.Status429TooManyRequests,
        _ => error.Code switch
        {
            OAuthErrorCodes.InvalidClient or OAuthErrorCodes.InvalidToken => StatusCodes.Status401Unauthorized,
            OAuthErrorCodes.InsufficientScope or OAuthErrorCodes.AccessDenied => StatusCodes.Status403Forbidden,
            OAuthErrorCodes.TemporarilyUnavailable => StatusCodes.Status503ServiceUnavailable,
            OAuthErrorCodes.ServerError => StatusCodes.Status500InternalServerError,
            _ => StatusCodes.Status400BadRequest,
        },
    };

    /// <summary>
    /// The challenge of a 401/403 (RFC 6749 §5.2, RFC 6750 §3), with the error and its description, so a
    /// client library that reads the challenge before the body learns why. The exception: a bearer request
    /// that carried no token at all gets a bare challenge (RFC 6750 §3.1 asks for no error code then).
    /// Descriptions hold only characters that are safe inside a quoted-string.
    /// </summary>
    public static string? ChallengeOf(EndpointKind endpoint, OAuthError error, int status) => (endpoint, status) switch
    {
        (EndpointKind.Token, StatusCodes.Status401Unauthorized) =>
            $"Basic realm=\"{Realm}\", charset=\"UTF-8\", error=\"{error.Code}\", error_description=\"{error.Description}\"",
        (EndpointKind.Registration, StatusCodes.Status401Unauthorized) when error.Id == ErrorIds.BearerMissing => $"Bearer realm=\"{Realm}\"",
        (EndpointKind.Registration, StatusCodes.Status401Unauthorized) =>
            $"Bearer realm=\"{Realm}\", error=\"{error.Code}\", error_description=\"{error.Description}\"",
        (EndpointKind.Admin, StatusCodes.Status401Unauthorized) when error.Id == ErrorIds.AdminBearerMissing => $"Bearer realm=\"{AdminRealm}\"",
        (EndpointKind.Admin, StatusCodes.Status401Unauthorized) =>
            $"Bearer realm=\"{AdminRealm}\", error=\"{error.Code}\", error_description=\"{error.Description}\"",
        (EndpointKind.Admin, StatusCodes.Status403Forbidden) =>
            $"Bearer realm=\"{AdminRealm}\", error=\"{error.Code}\", error_description=\"{error.Description}\", scope=\"{Admin.OperatorTokens.Scope}\"",
        (EndpointKind.Registration, StatusCodes.Status403Forbidden) =>
            $"Bearer realm=\"{Realm}\", error=\"{error.Code}\", error_description=\"{error.Description}\", scope=\"{MetadataDefaults.RegisterScope}\"",
        _ => null,
    };

    /// <summary>
    /// A 429 says when the limit lets the request pass; a 503 says when to retry (the gateway has already
    /// retried for about three seconds).
    /// </summary>
    public static string? RetryAfterOf(OAuthError error, int status) => error.RetryAfterSeconds is { } seconds
        ? seconds.ToString(System.Globalization.CultureInfo.InvariantCulture)
        : status == StatusCodes.Status503ServiceUnavailable ? "1" : null;

    /// <summary>
    /// A client grain's refusal (RFC 7592 §2): an unknown client and a wrong registration access token are the
    /// same 401, never a 404 (so probing tells nothing); an echoed secret that is not the current one is 400; a
    /// client id backing off after wrong tokens is 429.
    /// </summary>
    public static OAuthError FromClientOperation(ClientOperationResult result) => result.Status switch
    {
        ClientOperationStatus.Throttled => OAuthError.Throttled(ErrorIds.ThrottleClientBackoff,
            "too many invalid registration access tokens for this client; retry after the time given in Retry-After", result.RetryAfter),
        ClientOperationStatus.SecretMismatch => OAuthError.InvalidClientMetadata(ErrorIds.UpdateClientSecretMismatch,
            "client_secret does not match the current secret; a client cannot choose its own secret (RFC 7592 section 2.2)"),
        ClientOperationStatus.Conflict => OAuthError.TemporarilyUnavailable(ErrorIds.ClientIdUnavailable, "could not allocate a client_id; retry"),
        _ => InvalidRegistrationToken,
    };

    public static readonly OAuthError InvalidRegistrationToken =
        OAuthError.InvalidToken(ErrorIds.RegistrationTokenInvalid, "the registration access token is invalid for this client");
}
