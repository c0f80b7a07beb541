using System.Text.Json;

namespace Registry.Gateway.Http;

/// <summary>A JSON response written straight to the response pipe by a writer delegate (no intermediate DOM or string).</summary>
internal sealed class JsonPayloadResult<TState>(int status, TState state, Action<Utf8JsonWriter, TState> write) : IResult, IStatusCodeHttpResult
{
    public int? StatusCode => status;

    /// <summary>Responses carrying credentials must not be cached (RFC 6749 §5.1, RFC 7591 §3.2.1).</summary>
    public bool NoStore { get; init; }

    public string? Location { get; init; }

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = status;
        response.ContentType = "application/json";
        if (NoStore)
        {
            response.Headers.CacheControl = "no-store";
            response.Headers.Pragma = "no-cache";
        }

        if (Location is not null)
        {
            response.Headers.Location = Location;
        }

        using (var writer = new Utf8JsonWriter(response.BodyWriter, JsonWriting.Options))
        {
            write(writer, state);
        }

        await response.BodyWriter.FlushAsync(httpContext.RequestAborted);
    }
}
