using Microsoft.AspNetCore.Diagnostics;
using Registry.Gateway.Telemetry;
using Registry.Protocol.Errors;

namespace Registry.Gateway.Http;

/// <summary>
/// Whatever escapes a handler still answers in OAuth's error format: cluster trouble as 503 with
/// Retry-After, anything else as a bare 500 server_error (details go to the log, never to the client).
/// Empty 404/405 answers from routing get an OAuth body too.
/// </summary>
internal static class ErrorHandling
{
    public static IApplicationBuilder UseOAuthErrors(this IApplicationBuilder app)
    {
        app.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandler = WriteExceptionAsync });
        app.UseStatusCodePages(new StatusCodePagesOptions { HandleAsync = WriteStatusAsync });
        return app;
    }

    private static Task WriteExceptionAsync(HttpContext http)
    {
        var exception = http.Features.Get<IExceptionHandlerFeature>()?.Error;
        var error = exception switch
        {
            BadHttpRequestException bad => OAuthErrorFor(bad.StatusCode) ?? Malformed,
            _ when ClusterErrors.IsTransient(exception) => ClusterUnavailable,
            _ => ServerFailure,
        };
        var endpoint = ObservedEndpoint.KindOf(http);
        return new OAuthErrorResult(error, endpoint).ExecuteAsync(http);
    }

    private static Task WriteStatusAsync(StatusCodeContext context)
    {
        var http = context.HttpContext;
        return OAuthErrorFor(http.Response.StatusCode) is { } error
            ? new OAuthErrorResult(error, EndpointKind.Other).ExecuteAsync(http)
            : Task.CompletedTask;
    }

    /// <summary>A bug: details go to the log, never to the client.</summary>
    public static readonly OAuthError ServerFailure = OAuthError.ServerError(ErrorIds.ServerInternal, "the server encountered an internal error");

    public static readonly OAuthError ClusterUnavailable =
        OAuthError.TemporarilyUnavailable(ErrorIds.ClusterUnavailable, "the registry cluster is temporarily unavailable; retry shortly");

    private static readonly OAuthError Malformed = OAuthError.InvalidRequest(ErrorIds.RequestMalformed, "the request is malformed");

    private static OAuthError? OAuthErrorFor(int status) => status switch
    {
        StatusCodes.Status400BadRequest => Malformed,
        StatusCodes.Status408RequestTimeout => RequestBody.TooSlow,
        StatusCodes.Status404NotFound => OAuthError.InvalidRequest(ErrorIds.RequestNotFound, "no such endpoint"),
        StatusCodes.Status405MethodNotAllowed => OAuthError.InvalidRequest(ErrorIds.RequestMethodNotAllowed, "the HTTP method is not allowed on this endpoint"),
        StatusCodes.Status413PayloadTooLarge => OAuthError.InvalidRequest(ErrorIds.RequestBodyTooLarge, "the request body is too large"),
        StatusCodes.Status415UnsupportedMediaType => OAuthError.InvalidRequest(ErrorIds.RequestMediaType, "unsupported content type"),
        _ => null,
    };
}
