using System.Text;
using Registry.Protocol.Errors;
using Registry.Protocol.Metadata;
using Registry.Protocol.Security;
using static System.Net.WebUtility;

namespace Registry.Gateway.Authorization;

/// <summary>
/// The two pages of the authorization endpoint. The consent page names the client (its registered name, else its id),
/// shows its logo only when the logo is served over https, lists the requested scopes and resources and the host the
/// answer goes to, and posts the decision with a CSRF token; it works without JavaScript (there is none). The error
/// page tells the user what went wrong when the client cannot be told (unknown client or redirect URI, a broken
/// sign-in) — it never redirects.
/// </summary>
internal static class AuthorizationPages
{
    public static HtmlPage Consent(string action, ClientMetadata client, string clientId, Uri redirect, IReadOnlyList<string> scopes,
        IReadOnlyList<string> resources, string ticket, string csrf)
    {
        var name = client.ClientName is { Length: > 0 } n ? n : clientId;
        var body = new StringBuilder(2048);
        if (client.LogoUri is { } logo && Uri.TryCreate(logo, UriKind.Absolute, out var logoUri) && logoUri.Scheme == Uri.UriSchemeHttps)
        {
            body.Append("<img id=\"client-logo\" width=\"64\" height=\"64\" src=\"").Append(HtmlEncode(logoUri.AbsoluteUri)).Append("\" alt=\"Logo of ").Append(HtmlEncode(name)).Append("\">\n");
        }

        body.Append("<h1>Allow <span id=\"client-name\">").Append(HtmlEncode(name)).Append("</span> to access your account?</h1>\n")
            .Append("<p>After you decide, you will be sent to <strong id=\"redirect-host\">").Append(HtmlEncode(HostOf(redirect)))
            .Append("</strong>.</p>\n");
        if (client.ClientName is { Length: > 0 })
        {
            body.Append("<p class=\"muted\">Client id: <code>").Append(HtmlEncode(clientId)).Append("</code></p>\n");
        }

        body.Append("<h2 id=\"scopes-heading\">Permissions requested</h2>\n<ul id=\"scopes\" aria-labelledby=\"scopes-heading\">\n");
        foreach (var scope in scopes)
        {
            body.Append("<li>").Append(HtmlEncode(scope)).Append("</li>\n");
        }

        if (scopes.Count == 0)
        {
            body.Append("<li class=\"muted\">No specific permissions (basic access)</li>\n");
        }

        body.Append("</ul>\n<h2 id=\"resources-heading\">For use at</h2>\n<ul id=\"resources\" aria-labelledby=\"resources-heading\">\n");
        foreach (var resource in resources)
        {
            body.Append("<li>").Append(HtmlEncode(resource)).Append("</li>\n");
        }

        if (resources.Count == 0)
        {
            body.Append("<li class=\"muted\">This authorization server</li>\n");
        }

        body.Append("</ul>\n<form method=\"post\" action=\"").Append(HtmlEncode(action)).Append("\">\n")
            .Append("<input type=\"hidden\" name=\"request\" value=\"").Append(HtmlEncode(ticket)).Append("\">\n")
            .Append("<input type=\"hidden\" name=\"csrf\" value=\"").Append(HtmlEncode(csrf)).Append("\">\n")
            .Append("<div class=\"actions\">\n")
            .Append("<button type=\"submit\" name=\"decision\" value=\"approve\" id=\"approve\">Allow</button>\n")
            .Append("<button type=\"submit\" name=\"decision\" value=\"deny\" id=\"deny\">Deny</button>\n")
            .Append("</div>\n</form>\n");
        return new HtmlPage(StatusCodes.Status200OK, "Allow access to " + name, body.ToString(), NewNonce());
    }

    public static HtmlPage Error(int status, OAuthError error)
    {
        var body = new StringBuilder(512)
            .Append("<h1>This sign-in cannot continue</h1>\n")
            .Append("<p class=\"error\" id=\"error-description\">").Append(HtmlEncode(error.Description)).Append("</p>\n")
            .Append("<p class=\"muted\">Error: <code id=\"error\">").Append(HtmlEncode(error.Code)).Append("</code>. ")
            .Append("Go back to the application and start again; if this keeps happening, tell its developer.</p>\n");
        return new HtmlPage(status, "Sign-in error", body.ToString(), NewNonce()) { Refusal = error };
    }

    /// <summary>The host the user's browser is sent to, in its ASCII form (no look-alike Unicode); for a private-use scheme (a native app), the scheme.</summary>
    private static string HostOf(Uri redirect) => redirect.IdnHost is { Length: > 0 } host
        ? (redirect.IsDefaultPort ? host : host + ":" + redirect.Port.ToString(System.Globalization.CultureInfo.InvariantCulture))
        : redirect.Scheme + ":";

    private static string NewNonce() => Secrets.NewTokenId();
}
