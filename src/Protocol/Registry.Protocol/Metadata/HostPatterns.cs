using System.Buffers;

namespace Registry.Protocol.Metadata;

/// <summary>
/// The host entries of <see cref="RegistrationPolicy.RedirectUriHosts"/>: an exact DNS host name, or "*." and one,
/// which matches every name below it but not the name itself. Compared without regard to case.
/// </summary>
internal static class HostPatterns
{
    private const string WildcardPrefix = "*.";

    private const int MaxNameLength = 253;

    private const int MaxLabelLength = 63;

    private static readonly SearchValues<char> LabelChars =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-");

    public static bool Matches(string pattern, string host)
    {
        if (!pattern.StartsWith(WildcardPrefix, StringComparison.Ordinal))
        {
            return string.Equals(pattern, host, StringComparison.OrdinalIgnoreCase);
        }

        var suffix = pattern.AsSpan(1); // ".example.com"
        return host.Length > suffix.Length && host.AsSpan().EndsWith(suffix, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>An exact host name or "*." and one: letters, digits and inner hyphens in dot-separated labels (RFC 1123 §2.1).</summary>
    public static bool IsValid(string pattern) =>
        IsHostName(pattern.StartsWith(WildcardPrefix, StringComparison.Ordinal) ? pattern[WildcardPrefix.Length..] : pattern);

    private static bool IsHostName(string name) => name.Length <= MaxNameLength && name.Split('.').All(IsLabel); // "" is one empty label

    private static bool IsLabel(string label) =>
        label.Length is > 0 and <= MaxLabelLength
        && label.AsSpan().IndexOfAnyExcept(LabelChars) < 0
        && label[0] != '-' && label[^1] != '-';
}
