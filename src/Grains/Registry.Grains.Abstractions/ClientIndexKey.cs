using System.Globalization;

namespace Registry.Grains.Abstractions;

/// <summary>
/// The key of an <see cref="IClientIndexGrain"/>: "{tenant}/{page}", where a client registered with sequence
/// <c>s</c> (handed out by its tenant, increasing) is listed on page <c>s / <see cref="PageSize"/></c>. Consecutive
/// registrations land on the same page; no grain ever holds more than <see cref="PageSize"/> entries.
/// </summary>
public static class ClientIndexKey
{
    /// <summary>Entries per page: a page document stays well under Azure Table's 1 MB entity limit (see <see cref="ClientIndexText"/>).</summary>
    public const int PageSize = 128;

    public static long PageOf(long sequence)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(sequence);
        return sequence / PageSize;
    }

    public static string Of(string tenant, long page)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(page);
        return string.Concat(tenant, "/", page.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>The key of the page that lists the client registered with <paramref name="sequence"/>.</summary>
    public static string ForSequence(string tenant, long sequence) => Of(tenant, PageOf(sequence));

    public static (string Tenant, long Page) Parse(string key)
    {
        var slash = key.LastIndexOf('/');
        return slash > 0 && long.TryParse(key.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var page)
            ? (key[..slash], page)
            : throw new ArgumentException($"'{key}' is not a client index key", nameof(key));
    }
}
