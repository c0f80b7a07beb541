using System.Text;

namespace Registry.Gateway.Authorization;

/// <summary>
/// A server-rendered page a person sees (consent, sign-in errors): no script at all, a strict Content-Security-Policy
/// (styles by nonce, images only over https), never framed (clickjacking), never cached, no referrer leaked.
/// </summary>
internal sealed class HtmlPage(int status, string title, string body, string styleNonce) : IResult, Http.IRefusal
{
    /// <summary>The error an error page shows (for observation); null for the consent page.</summary>
    public Registry.Protocol.Errors.OAuthError? Refusal { get; init; }

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = status;
        response.ContentType = "text/html; charset=utf-8";
        var headers = response.Headers;
        headers.CacheControl = "no-store";
        headers.Pragma = "no-cache";
        headers.XFrameOptions = "DENY";
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        headers.ContentSecurityPolicy = $"default-src 'none'; style-src 'nonce-{styleNonce}'; img-src https:; frame-ancestors 'none'; base-uri 'none'";
        var html = new StringBuilder(2048)
            .Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>").Append(System.Net.WebUtility.HtmlEncode(title)).Append("</title>\n")
            .Append("<style nonce=\"").Append(styleNonce).Append("\">").Append(Style).Append("</style>\n</head>\n<body>\n<main>\n")
            .Append(body)
            .Append("</main>\n</body>\n</html>\n");
        await response.WriteAsync(html.ToString(), httpContext.RequestAborted);
    }

    private const string Style =
        "body{font-family:system-ui,sans-serif;background:#f4f5f7;color:#1b1f24;margin:0}" +
        "main{max-width:32rem;margin:3rem auto;background:#fff;border-radius:8px;padding:2rem;box-shadow:0 1px 4px rgba(0,0,0,.15)}" +
        "h1{font-size:1.4rem;margin-top:0}img{width:64px;height:64px;object-fit:contain;overflow:hidden;font-size:.7rem;float:right;margin-left:1rem}" +
        "ul{padding-left:1.2rem}li{margin:.2rem 0}code{word-break:break-all}" +
        ".actions{display:flex;gap:1rem;margin-top:1.5rem}" +
        "button{font-size:1rem;padding:.6rem 1.4rem;border-radius:6px;border:1px solid #1b1f24;cursor:pointer}" +
        "button:focus{outline:3px solid #2563eb;outline-offset:2px}" +
        "#approve{background:#1d4ed8;color:#fff;border-color:#1d4ed8}#deny{background:#fff;color:#1b1f24}" +
        ".error{color:#a40000}.muted{color:#4b5563;font-size:.9rem}";
}
