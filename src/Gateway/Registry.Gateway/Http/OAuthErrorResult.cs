using System.Text.Json;
using Registry.Protocol.Errors;

namespace Registry.Gateway.Http;

/// <summary>
/// An <see cref="OAuthError"/> answered at a kind of endpoint: the status, challenge and Retry-After that
/// <see cref="OAuthErrorMapping"/> gives it, a {"error","error_description"} JSON body, and no caching.
/// </summary>
internal sealed class OAuthErrorResult(OAuthError error, EndpointKind endpoint) : IResult, IStatusCodeHttpResult
{
    private readonly int _status = OAuthErrorMapping.StatusOf(endpoint, error);

    public OAuthError Error => error;

    /// <summary>The error a handler answered with (its result directly, or inside a typed <c>Results&lt;…&gt;</c>), or null.</summary>
    public static OAuthError? ErrorOf(object? result) =>
        ((result as INestedHttpResult)?.Result ?? result as IResult) switch
        {
            OAuthErrorResult refused => refused.Error,
            IRefusal refusal => refusal.Refusal,
            _ => null,
        };

    public int? StatusCode => _status;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = _status;
        response.ContentType = "application/json";
        response.Headers.CacheControl = "no-store";
        response.Headers.Pragma = "no-cache";
        if (OAuthErrorMapping.ChallengeOf(endpoint, error, _status) is { } challenge)
        {
            response.Headers.WWWAuthenticate = challenge;
        }

        if (OAuthErrorMapping.RetryAfterOf(error, _status) is { } retryAfter)
        {
            response.Headers.RetryAfter = retryAfter;
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
}
