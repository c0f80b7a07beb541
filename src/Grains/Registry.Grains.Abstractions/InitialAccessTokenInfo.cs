namespace Registry.Grains.Abstractions;

/// <summary>An initial access token as the operator lists it: never the token or its hash.</summary>
[GenerateSerializer, Immutable]
[Alias("Registry.InitialAccessTokenInfo")]
public sealed record InitialAccessTokenInfo(
    [property: Id(0)] string Id,
    [property: Id(1)] DateTimeOffset ExpiresAt,
    [property: Id(2)] int MaxUses,
    [property: Id(3)] int Uses,
    [property: Id(4)] DateTimeOffset CreatedAt,
    [property: Id(5)] bool Revoked,
    [property: Id(6)] string[]? AllowedScopes);
