namespace Registry.Gateway.Http;

/// <summary>Pre-serialized JSON (discovery documents, key sets).</summary>
internal sealed class JsonBytesResult(ReadOnlyMemory<byte> body, string cacheControl) : IResult, IStatusCodeHttpResult
{
    public int? StatusCode => StatusCodes.Status200OK;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json";
        response.Headers.CacheControl = cacheControl;
        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body, httpContext.RequestAborted);
    }
}
