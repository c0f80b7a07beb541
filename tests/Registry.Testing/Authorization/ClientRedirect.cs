using Microsoft.AspNetCore.WebUtilities;
using Xunit;

namespace Registry.Testing.Authorization;

/// <summary>
/// Where the authorization server sent the browser back to the client (RFC 6749 §4.1.2, §4.1.2.1, RFC 9207):
/// the redirect's Location and its query parameters. The client's redirect URI itself is never fetched.
/// </summary>
public sealed record ClientRedirect(Uri Location, IReadOnlyDictionary<string, string> Parameters)
{
    public string? Code => Parameters.GetValueOrDefault("code");

    public string? State => Parameters.GetValueOrDefault("state");

    public string? Iss => Parameters.GetValueOrDefault("iss");

    public string? Error => Parameters.GetValueOrDefault("error");

    public string? ErrorDescription => Parameters.GetValueOrDefault("error_description");

    public static ClientRedirect Parse(Uri location)
    {
        var query = QueryHelpers.ParseQuery(location.Query);
        foreach (var (name, values) in query)
        {
            Assert.True(values.Count == 1, $"the redirect repeats {name}: {location}");
        }

        return new ClientRedirect(location, query.ToDictionary(p => p.Key, p => p.Value.ToString(), StringComparer.Ordinal));
    }

    public override string ToString() => Location.ToString();
}
