using Microsoft.AspNetCore.Diagnostics;
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
            BadHttpRequestException bad => OAuthErrorFor(bad.StatusCode) ?? OAuthError.InvalidRequest("the request is malformed"),
            _ when ClusterErrors.IsTransient(exception) => OAuthError.Unavailable("the registry cluster is temporarily unavailable; retry shortly"),
            _ => OAuthError.Of(OAuthErrorCodes.ServerError, "the server encountered an internal error"),
        };
        return new OAuthErrorResult(error).ExecuteAsync(http);
    }

    private static Task WriteStatusAsync(StatusCodeContext context)
    {
        var http = context.HttpContext;
        return OAuthErrorFor(http.Response.StatusCode) is { } error
            ? new OAuthErrorResult(error).ExecuteAsync(http)
            : Task.CompletedTask;
    }

    private static OAuthError? OAuthErrorFor(int status) => status switch
    {
        StatusCodes.Status400BadRequest => OAuthError.InvalidRequest("the request is malformed"),
        StatusCodes.Status404NotFound => OAuthError.NotFound("no such endpoint"),
        StatusCodes.Status405MethodNotAllowed => OAuthError.MethodNotAllowed("the HTTP method is not allowed on this endpoint"),
        StatusCodes.Status413PayloadTooLarge => OAuthError.PayloadTooLarge("the request body is too large"),
        StatusCodes.Status415UnsupportedMediaType => OAuthError.UnsupportedMediaType("unsupported content type"),
        _ => null,
    };
}
