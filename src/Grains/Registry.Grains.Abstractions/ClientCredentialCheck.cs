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

    /// <summary>Set when a limit held the request (back-off or token rate); the credentials were then not decisive.</summary>
    [Id(4)]
    public Admission? Limited { get; init; }

    public static ClientCredentialCheck Throttled(Admission limit) => Failed with { Limited = limit };
}
