using System.Text.Json;
using Registry.Protocol.Errors;

namespace Registry.Gateway.Http;

/// <summary>
/// The one place an <see cref="OAuthError"/> becomes an HTTP response: its status, a
/// {"error","error_description"} JSON body, no caching, and the challenge header a 401/403 requires
/// (RFC 6749 §5.2 for the token endpoint, RFC 6750 §3 for bearer-protected endpoints).
/// </summary>
internal sealed class OAuthErrorResult(OAuthError error, Challenge challenge = Challenge.None) : IResult, IStatusCodeHttpResult
{
    public OAuthError Error => error;

    public int? StatusCode => error.Status;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = error.Status;
        response.ContentType = "application/json";
        response.Headers.CacheControl = "no-store";
        response.Headers.Pragma = "no-cache";
        if (ChallengeHeader() is { } header)
        {
            response.Headers.WWWAuthenticate = header;
        }

        if (error.Status == StatusCodes.Status503ServiceUnavailable)
        {
            response.Headers.RetryAfter = "1";
        }

        using (var writer = new Utf8JsonWriter(response.BodyWriter, JsonWriting.Options))
        {
            writer.WriteStartObject();
            writer.WriteString("error", error.Code);
            writer.WriteString("error_description", error.Description);
            writer.WriteEndObject();
        }

        await response.BodyWriter.FlushAsync(httpContext.RequestAborted);
    }

    /// <summary>Descriptions are already limited to characters that are safe inside a quoted-string.</summary>
    private string? ChallengeHeader() => challenge switch
    {
        Challenge.Basic when error.Status == StatusCodes.Status401Unauthorized => $"Basic realm=\"{Realm}\", charset=\"UTF-8\"",
        Challenge.Bearer when error.Status == StatusCodes.Status401Unauthorized && error.Code == OAuthErrorCodes.InvalidToken =>
            $"Bearer realm=\"{Realm}\", error=\"{error.Code}\", error_description=\"{error.Description}\"",
        Challenge.Bearer or Challenge.BearerRequired when error.Status == StatusCodes.Status401Unauthorized => $"Bearer realm=\"{Realm}\"",
        Challenge.Bearer when error.Status == StatusCodes.Status403Forbidden =>
            $"Bearer realm=\"{Realm}\", error=\"{error.Code}\", error_description=\"{error.Description}\", scope=\"register\"",
        _ => null,
    };

    private const string Realm = "registry";
}

/// <summary>Which authentication scheme a 401 challenges for.</summary>
internal enum Challenge
{
    None,

    /// <summary>The token endpoint: client authentication (RFC 6749 §2.3.1).</summary>
    Basic,

    /// <summary>Bearer-protected endpoints (RFC 6750 §3).</summary>
    Bearer,

    /// <summary>A bearer-protected endpoint called without any token: no error code in the challenge (RFC 6750 §3.1).</summary>
    BearerRequired,
}
