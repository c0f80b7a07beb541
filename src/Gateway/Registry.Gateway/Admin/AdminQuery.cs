using System.Globalization;

namespace Registry.Gateway.Admin;

/// <summary>Query parameters of the admin API, parsed here (a malformed one is an OAuth error, never a bare 400 from binding).</summary>
internal static class AdminQuery
{
    /// <summary>The page size: <paramref name="fallback"/> when absent; false when not an integer in [1, max].</summary>
    public static bool TryLimit(string? raw, int fallback, int max, out int limit)
    {
        if (raw is null)
        {
            limit = fallback;
            return true;
        }

        return int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out limit) && limit >= 1 && limit <= max;
    }
}
