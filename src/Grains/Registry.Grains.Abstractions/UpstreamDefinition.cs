namespace Registry.Grains.Abstractions;

/// <summary>
/// A runtime tenant's upstream OpenID Provider, where its users sign in (the admin API's <c>upstream</c>): issuer, the
/// client Registry is there, its secret, and the scopes asked. The secret travels in clear only between the gateway and
/// the silo; the tenant grain stores it encrypted (Data Protection) and answers it to gateways only, never to an
/// operator. An empty <see cref="ClientSecret"/> in an update keeps the stored one.
/// </summary>
[GenerateSerializer, Immutable]
[Alias("Registry.UpstreamDefinition")]
public sealed record UpstreamDefinition(
    [property: Id(0)] string Issuer,
    [property: Id(1)] string ClientId,
    [property: Id(2)] string ClientSecret,
    [property: Id(3)] string[] Scopes)
{
    /// <summary>Whether <paramref name="other"/> names the same provider and client (its secret aside).</summary>
    public bool SameClient(UpstreamDefinition? other) =>
        other is not null && string.Equals(Issuer, other.Issuer, StringComparison.Ordinal) && string.Equals(ClientId, other.ClientId, StringComparison.Ordinal);

    /// <summary>This definition without its secret (what an operator reads back).</summary>
    public UpstreamDefinition WithoutSecret() => this with { ClientSecret = "" };
}
