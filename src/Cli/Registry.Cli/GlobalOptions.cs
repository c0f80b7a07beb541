namespace Registry.Cli;

/// <summary>
/// The options every command takes: where the registry is, the operator's credentials (the Development defaults
/// unless given) and the output format. Each option falls back to an environment variable, then to a default.
/// </summary>
internal sealed record GlobalOptions(Uri Url, string ClientId, string ClientSecret, OutputFormat Output)
{
    public const string DefaultUrl = "http://localhost:5000";

    public static IReadOnlyList<OptionSpec> Specs { get; } =
    [
        new("url", "URL", $"the registry's base URL (env REGISTRY_URL; default {DefaultUrl})"),
        new("client-id", "ID", "the operator client id (env REGISTRY_OPERATOR_CLIENT_ID; default operator)"),
        new("client-secret", "SECRET", "the operator client secret (env REGISTRY_OPERATOR_CLIENT_SECRET; default: the Development one)"),
        new("output", "table|json", "table (default): aligned columns; json: the API's response, pretty-printed"),
    ];

    public static GlobalOptions Resolve(IReadOnlyDictionary<string, string> options, Func<string, string?> environment)
    {
        var url = Pick(options, "url", environment("REGISTRY_URL"), DefaultUrl);
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new UsageException($"--url must be an absolute http or https URL, not '{url}'");
        }

        var output = Pick(options, "output", null, "table") switch
        {
            "table" => OutputFormat.Table,
            "json" => OutputFormat.Json,
            var other => throw new UsageException($"--output must be table or json, not '{other}'"),
        };

        return new GlobalOptions(
            uri,
            Pick(options, "client-id", environment("REGISTRY_OPERATOR_CLIENT_ID"), "operator"),
            Pick(options, "client-secret", environment("REGISTRY_OPERATOR_CLIENT_SECRET"), "password"),
            output);
    }

    /// <summary>Without the secret: a record would print every member.</summary>
    public override string ToString() => $"GlobalOptions {{ Url = {Url}, ClientId = {ClientId}, Output = {Output} }}";

    private static string Pick(IReadOnlyDictionary<string, string> options, string name, string? fromEnvironment, string fallback) =>
        options.TryGetValue(name, out var value) ? value : string.IsNullOrEmpty(fromEnvironment) ? fallback : fromEnvironment;
}
