using System.Text;
using Registry.Gateway.Http;
using Registry.Protocol.Errors;

namespace Registry.Gateway.Authorization;

/// <summary>
/// A redirect of the user's browser: 302 after a GET, 303 after the consent form's POST (so the browser follows with a
/// GET). Never cached; the referrer is not passed on. <see cref="Refusal"/> is the error it carries to the client, if any.
/// </summary>
internal sealed class FrontChannelRedirect(string location, int status) : IResult, IRefusal
{
    public OAuthError? Refusal { get; init; }

    public string Location => location;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = status;
        response.Headers.Location = location;
        response.Headers.CacheControl = "no-store";
        response.Headers["Referrer-Policy"] = "no-referrer";
        return Task.CompletedTask;
    }

    /// <summary><paramref name="uri"/> with the parameters appended to its query (RFC 6749 §4.1.2: keep the registered query).</summary>
    public static string WithQuery(string uri, params ReadOnlySpan<(string Name, string? Value)> parameters)
    {
        var text = new StringBuilder(uri.Length + 128).Append(uri);
        var separator = uri.Contains('?', StringComparison.Ordinal) ? '&' : '?';
        foreach (var (name, value) in parameters)
        {
            if (value is null)
            {
                continue;
            }

            text.Append(separator).Append(Uri.EscapeDataString(name)).Append('=').Append(Uri.EscapeDataString(value));
            separator = '&';
        }

        return text.ToString();
    }
}
