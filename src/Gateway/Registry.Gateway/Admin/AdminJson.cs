using System.Text.Json;
using System.Text.Json.Serialization;
using Registry.Gateway.Http;
using Registry.Protocol.Errors;

namespace Registry.Gateway.Admin;

/// <summary>
/// JSON of the admin API: snake_case members (like the OAuth endpoints), unknown members refused (a misspelt
/// policy member must not be silently ignored), bodies read with a size cap and answered as OAuth errors.
/// </summary>
internal static class AdminJson
{
    public const int MaxBodyBytes = 64 * 1024;

    public static readonly JsonSerializerOptions Options = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    /// <summary>The admin API's JSON conventions, applied to ASP.NET Core's options too (so OpenAPI describes the same names).</summary>
    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        options.AllowDuplicateProperties = false;
        options.NumberHandling = JsonNumberHandling.Strict;
        return options;
    }

    /// <summary>The request's JSON body as <typeparamref name="T"/>, or an OAuth error (415, 413, 400 naming the member).</summary>
    public static async Task<Outcome<T>> ReadAsync<T>(HttpRequest request)
        where T : class
    {
        if (RequestBody.CheckMediaType(request, RequestBody.Json) is { } mediaError)
        {
            return mediaError;
        }

        var body = await RequestBody.ReadAsync(request, MaxBodyBytes);
        if (!body.IsSuccess)
        {
            return body.Error;
        }

        try
        {
            return JsonSerializer.Deserialize<T>(body.Value.Span, Options) is { } value
                ? value
                : Invalid("the body must be a JSON object");
        }
        catch (JsonException exception)
        {
            return Invalid(exception.Path is { Length: > 1 } path
                ? $"the body is not valid here at {Safe(path)} (unknown member, wrong type or malformed JSON)"
                : "the body is not a valid JSON object of this endpoint");
        }
    }

    public static OAuthError Invalid(string description) => OAuthError.InvalidRequest(ErrorIds.AdminBodyInvalid, description);

    /// <summary>A JSON path as an error description may carry it (RFC 6749 §5.2 characters only).</summary>
    private static string Safe(string path) => new([.. path.Where(c => c is >= ' ' and <= '~' and not '"' and not '\\').Take(100)]);
}
