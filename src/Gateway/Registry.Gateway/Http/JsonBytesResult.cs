namespace Registry.Gateway.Http;

/// <summary>Pre-serialized JSON (discovery documents, key sets), with its caching headers.</summary>
internal sealed class JsonBytesResult(ReadOnlyMemory<byte> body, string cacheControl, string? vary = null) : IResult, IStatusCodeHttpResult
{
    public int? StatusCode => StatusCodes.Status200OK;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json";
        response.Headers.CacheControl = cacheControl;
        if (vary is not null)
        {
            response.Headers.Vary = vary;
        }

        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body, httpContext.RequestAborted);
    }
}
