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

    /// <summary>
    /// The client's registered token_endpoint_auth_method. A public client (<c>none</c>) authenticates with an empty
    /// secret and only so; a confidential client never does.
    /// </summary>
    [Id(5)]
    public string AuthMethod { get; init; } = "client_secret_basic";

    /// <summary>How long the refresh tokens of an authorization last (the client's refresh_token_expiration_time_seconds).</summary>
    [Id(6)]
    public int RefreshTokenLifetimeSeconds { get; init; }

    public static ClientCredentialCheck Throttled(Admission limit) => Failed with { Limited = limit };
}
