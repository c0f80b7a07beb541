namespace Registry.Gateway.Tenancy;

/// <summary>
/// The host names requests may arrive under: the standard "AllowedHosts" key (';'-separated, "*.example.com"
/// for subdomains, ports ignored) and, when it is set, the configured issuer's host too. Unset or "*": any host
/// — harmless with a fixed issuer, and accepted without one only in Development (see
/// <see cref="Configuration.IssuerOptionsValidator"/>).
/// </summary>
internal sealed class AllowedHosts
{
    public const string ConfigurationKey = "AllowedHosts";

    private readonly string[] _exact;
    private readonly string[] _suffixes;

    private AllowedHosts(string[] exact, string[] suffixes)
    {
        _exact = exact;
        _suffixes = suffixes;
    }

    /// <summary>True when every host is accepted (nothing configured).</summary>
    public bool AllowsAny => _exact.Length == 0 && _suffixes.Length == 0;

    /// <summary>The entries of an AllowedHosts value ("*" alone means none).</summary>
    public static string[] Entries(string? value)
    {
        var entries = (value ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return entries is ["*"] ? [] : entries;
    }

    /// <summary>A valid entry: a host name, an IP literal, or "*." followed by a host name.</summary>
    public static bool IsValidEntry(string entry)
    {
        var host = entry.StartsWith("*.", StringComparison.Ordinal) ? entry[2..] : entry;
        return Uri.CheckHostName(host.Trim('[', ']')) != UriHostNameType.Unknown;
    }

    public static AllowedHosts From(string? configured, string? issuer)
    {
        var entries = Entries(configured).ToList();
        if (entries.Count > 0 && !string.IsNullOrEmpty(issuer) && Uri.TryCreate(issuer, UriKind.Absolute, out var uri))
        {
            entries.Add(uri.Host);
        }

        return new AllowedHosts(
            [.. entries.Where(e => !e.StartsWith("*.", StringComparison.Ordinal)).Select(e => e.Trim('[', ']'))],
            [.. entries.Where(e => e.StartsWith("*.", StringComparison.Ordinal)).Select(e => e[1..])]);
    }

    /// <summary>Whether a request's host (without port; IPv6 literals in brackets) is allowed.</summary>
    public bool Allows(HostString host)
    {
        if (AllowsAny)
        {
            return true;
        }

        var name = host.Host.AsSpan().Trim('[').TrimEnd(']');
        if (name.IsEmpty)
        {
            return false;
        }

        foreach (var exact in _exact)
        {
            if (name.Equals(exact, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        foreach (var suffix in _suffixes)
        {
            // "*.example.com" matches "a.example.com" but not "example.com" or "evilexample.com".
            if (name.Length > suffix.Length && name.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
