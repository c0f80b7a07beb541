using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using Microsoft.Net.Http.Headers;
using Registry.Protocol.Errors;
using Registry.Protocol.Metadata;
using Registry.Protocol.Tokens;

namespace Registry.Gateway.Http;

/// <summary>Reads request bodies with a hard size cap and checks their media type, as OAuth errors.</summary>
internal static class RequestBody
{
    public const string Json = "application/json";
    public const string Form = "application/x-www-form-urlencoded";

    /// <summary>
    /// The largest body any endpoint reads (a registration): Kestrel's own cap on every route, so nothing
    /// larger is buffered or drained anywhere (KestrelLimitsHosting).
    /// </summary>
    public const int LargestBodyBytes = MetadataLimits.MaxBodyBytes > FormBody.MaxBytes ? MetadataLimits.MaxBodyBytes : FormBody.MaxBytes;

    /// <summary>
    /// The body must be of <paramref name="mediaType"/> (charset, if given, UTF-8); a missing or other media
    /// type is an invalid_request (answered 415, or 400 at the token endpoint: RFC 6749 §3.2).
    /// </summary>
    public static OAuthError? CheckMediaType(HttpRequest request, string mediaType)
    {
        var valid = MediaTypeHeaderValue.TryParse(request.ContentType, out var parsed)
            && parsed.MediaType.Equals(mediaType, StringComparison.OrdinalIgnoreCase)
            && (!parsed.Charset.HasValue || parsed.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase));
        if (valid)
        {
            return null;
        }

        return OAuthError.InvalidRequest(ErrorIds.RequestMediaType, $"the request body must be {mediaType} (UTF-8)");
    }

    /// <summary>Reads the whole body, refusing (413) anything larger than <paramref name="maxBytes"/>.</summary>
    public static async Task<Outcome<ReadOnlyMemory<byte>>> ReadAsync(HttpRequest request, int maxBytes)
    {
        if (request.ContentLength > maxBytes)
        {
            return TooLarge(maxBytes);
        }

        var reader = request.BodyReader;
        try
        {
            while (true)
            {
                var read = await reader.ReadAsync(request.HttpContext.RequestAborted);
                if (read.Buffer.Length > maxBytes)
                {
                    reader.AdvanceTo(read.Buffer.Start, read.Buffer.End);
                    return TooLarge(maxBytes);
                }

                if (read.IsCompleted)
                {
                    var body = read.Buffer.ToArray();
                    reader.AdvanceTo(read.Buffer.End);
                    return new ReadOnlyMemory<byte>(body);
                }

                reader.AdvanceTo(read.Buffer.Start, read.Buffer.End);
            }
        }
        catch (BadHttpRequestException exception)
        {
            // Kestrel's limits (Registry:Limits): more than its body cap, slower than the minimum data rate,
            // a malformed chunked body. Kestrel closes the connection after this answer.
            return exception.StatusCode switch
            {
                StatusCodes.Status413PayloadTooLarge => TooLarge(maxBytes),
                StatusCodes.Status408RequestTimeout => TooSlow,
                _ => Unreadable,
            };
        }
        catch (InvalidOperationException)
        {
            // The pipe was completed by the server (e.g. a malformed chunked body).
            return Unreadable;
        }
    }

    /// <summary>Reads a form body as text (strictly UTF-8).</summary>
    public static async Task<Outcome<string>> ReadTextAsync(HttpRequest request, int maxBytes)
    {
        var body = await ReadAsync(request, maxBytes);
        if (!body.IsSuccess)
        {
            return body.Error;
        }

        try
        {
            return StrictUtf8.GetString(body.Value.Span);
        }
        catch (DecoderFallbackException)
        {
            return OAuthError.InvalidRequest(ErrorIds.RequestNotUtf8, "the request body is not valid UTF-8");
        }
    }

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The body arrived slower than Registry:Limits:MinRequestBodyBytesPerSecond (answered 408).</summary>
    public static readonly OAuthError TooSlow = OAuthError.InvalidRequest(ErrorIds.RequestBodyTooSlow, "the request body arrived too slowly");

    private static readonly OAuthError Unreadable = OAuthError.InvalidRequest(ErrorIds.RequestBodyUnreadable, "the request body could not be read");

    private static OAuthError TooLarge(int maxBytes) => OAuthError.InvalidRequest(ErrorIds.RequestBodyTooLarge, $"the request body is larger than {maxBytes} bytes");
}
