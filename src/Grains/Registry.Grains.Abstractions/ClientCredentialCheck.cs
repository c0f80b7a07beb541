namespace Registry.Grains.Abstractions;

/// <summary>What a client authenticated at the token endpoint may be issued.</summary>
[GenerateSerializer, Immutable]
[Alias("Registry.ClientCredentialCheck")]
public sealed record ClientCredentialCheck(
    [property: Id(0)] bool Authenticated,
    [property: Id(1)] string[] GrantTypes,
    [property: Id(2)] string Scope,
    [property: Id(3)] int TokenLifetimeSeconds)
{
    public static readonly ClientCredentialCheck Failed = new(false, [], "", 0);
}
