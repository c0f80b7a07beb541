using System.Net;
using System.Text.RegularExpressions;
using Xunit;

namespace Registry.Testing.Authorization;

/// <summary>
/// The consent page as a browser without JavaScript sees it: its form (action, hidden <c>request</c> and
/// <c>csrf</c>), and what it tells the user — the client's name, the redirect host, the scopes and resources,
/// the logo when there is one. Parsed leniently from the server-rendered HTML.
/// </summary>
public sealed partial record ConsentPage(Uri Address, string Html, Uri Action, string Request, string Csrf)
{
    public string? ClientName => TextOf("client-name");

    public string? RedirectHost => TextOf("redirect-host");

    public IReadOnlyList<string> Scopes => ItemsOf("scopes");

    public IReadOnlyList<string> Resources => ItemsOf("resources");

    /// <summary>The logo's src; null when the page shows none.</summary>
    public string? LogoSource => Tags("img").FirstOrDefault(t => t.GetValueOrDefault("id") == "client-logo")?.GetValueOrDefault("src");

    public static ConsentPage Parse(Uri address, string html)
    {
        var form = Tags(html, "form").FirstOrDefault(f => string.Equals(f.GetValueOrDefault("method"), "post", StringComparison.OrdinalIgnoreCase));
        Assert.True(form is not null, $"the page has no POST form: {html}");
        var inputs = Tags(html, "input").Where(i => i.ContainsKey("name")).ToDictionary(i => i["name"], i => i.GetValueOrDefault("value") ?? "", StringComparer.Ordinal);
        Assert.True(inputs.ContainsKey("request") && inputs.ContainsKey("csrf"), $"the form lacks the hidden request or csrf input: {html}");
        return new ConsentPage(address, html, new Uri(address, form.GetValueOrDefault("action") ?? ""), inputs["request"], inputs["csrf"]);
    }

    private IEnumerable<Dictionary<string, string>> Tags(string name) => Tags(Html, name);

    /// <summary>The attributes of every &lt;name ...&gt; start tag, HTML-decoded.</summary>
    private static IEnumerable<Dictionary<string, string>> Tags(string html, string name) =>
        new Regex($@"<{name}\b([^>]*)>", RegexOptions.IgnoreCase).Matches(html).Select(m => Attribute().Matches(m.Groups[1].Value)
            .GroupBy(a => a.Groups["name"].Value.ToLowerInvariant())
            .ToDictionary(g => g.Key, g => WebUtility.HtmlDecode(g.First().Groups["dq"].Success ? g.First().Groups["dq"].Value
                : g.First().Groups["sq"].Success ? g.First().Groups["sq"].Value : g.First().Groups["bare"].Value), StringComparer.Ordinal));

    /// <summary>The text content of the element with id <paramref name="id"/>, tags stripped, whitespace collapsed.</summary>
    private string? TextOf(string id)
    {
        var match = new Regex($@"<(?<tag>\w+)\b[^>]*\bid=[""']{Regex.Escape(id)}[""'][^>]*>(?<body>.*?)</\k<tag>>", RegexOptions.Singleline | RegexOptions.IgnoreCase).Match(Html);
        return match.Success ? Clean(match.Groups["body"].Value) : null;
    }

    private List<string> ItemsOf(string id)
    {
        var match = new Regex($@"<ul\b[^>]*\bid=[""']{Regex.Escape(id)}[""'][^>]*>(?<body>.*?)</ul>", RegexOptions.Singleline | RegexOptions.IgnoreCase).Match(Html);
        Assert.True(match.Success, $"the page has no <ul id=\"{id}\">: {Html}");
        // An item of class "muted" is a placeholder for people ("No specific permissions"), not an entry.
        return [.. ListItem().Matches(match.Groups["body"].Value).Where(m => !m.Groups["attributes"].Value.Contains("muted", StringComparison.Ordinal))
            .Select(m => Clean(m.Groups["body"].Value))];
    }

    private static string Clean(string fragment) =>
        WebUtility.HtmlDecode(Whitespace().Replace(Markup().Replace(fragment, " "), " ")).Trim();

    [GeneratedRegex(@"(?<name>[\w:-]+)(?:\s*=\s*(?:""(?<dq>[^""]*)""|'(?<sq>[^']*)'|(?<bare>[^\s""'>]+)))?")]
    private static partial Regex Attribute();

    [GeneratedRegex(@"<li\b(?<attributes>[^>]*)>(?<body>.*?)</li>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex ListItem();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Markup();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
