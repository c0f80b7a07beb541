namespace Registry.Protocol.Authorization;

/// <summary>Reads an authorization request from its query parameters (decoded name/value pairs, in order).</summary>
public static class AuthorizationRequestParser
{
    /// <summary>Longest value of any parameter taken into account; longer values make the request invalid where they matter.</summary>
    public const int MaxParameterLength = 2048;

    public static AuthorizationRequest Parse(IEnumerable<KeyValuePair<string, string>> query)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var resources = new List<string>();
        string? repeated = null;
        foreach (var (name, value) in query)
        {
            if (name == "resource")
            {
                if (value.Length > 0)
                {
                    resources.Add(value);
                }

                continue;
            }

            if (!values.TryAdd(name, value))
            {
                repeated ??= name;
            }
        }

        return new AuthorizationRequest(
            Get(values, "client_id"), Get(values, "redirect_uri"), Get(values, "response_type"), Get(values, "state"),
            Get(values, "scope"), Get(values, "code_challenge"), Get(values, "code_challenge_method"), resources, Get(values, "prompt"))
        {
            RepeatedParameter = repeated,
        };
    }

    private static string? Get(Dictionary<string, string> values, string name) =>
        values.TryGetValue(name, out var value) && value.Length > 0 ? value : null;
}
