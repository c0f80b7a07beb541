namespace Registry.Protocol.Tokens;

/// <summary>application/x-www-form-urlencoded parsing (HTML URL-encoding; RFC 6749 Appendix B).</summary>
public static class FormBody
{
    /// <summary>Largest token request body accepted.</summary>
    public const int MaxBytes = 8 * 1024;

    public static IReadOnlyList<KeyValuePair<string, string>> Parse(string body)
    {
        var pairs = new List<KeyValuePair<string, string>>(4);
        foreach (var part in body.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            var name = equals < 0 ? part : part[..equals];
            var value = equals < 0 ? "" : part[(equals + 1)..];
            pairs.Add(new(Decode(name), Decode(value)));
        }

        return pairs;
    }

    /// <summary>'+' is a space, then percent-decoding as UTF-8.</summary>
    public static string Decode(string value)
    {
        // Stryker disable once Block : the fast path only saves an allocation; decoding plain text returns it unchanged.
        if (value.AsSpan().IndexOfAny('+', '%') < 0)
        {
            return value;
        }

        return Uri.UnescapeDataString(value.Replace('+', ' '));
    }
}
