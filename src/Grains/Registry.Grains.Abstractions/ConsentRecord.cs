namespace Registry.Grains.Abstractions;

/// <summary>What a user approved for one client, and when (first and last).</summary>
[GenerateSerializer, Immutable]
[Alias("Registry.ConsentRecord")]
public sealed record ConsentRecord(
    [property: Id(0)] string Subject,
    [property: Id(1)] string ClientId,
    [property: Id(2)] string[] Scopes,
    [property: Id(3)] string[] Resources,
    [property: Id(4)] DateTimeOffset GrantedAt,
    [property: Id(5)] DateTimeOffset UpdatedAt)
{
    /// <summary>Whether this approval covers <paramref name="scopes"/> and <paramref name="resources"/>.</summary>
    public bool Covers(IEnumerable<string> scopes, IEnumerable<string> resources) =>
        scopes.All(s => Scopes.Contains(s, StringComparer.Ordinal)) && resources.All(r => Resources.Contains(r, StringComparer.Ordinal));
}
