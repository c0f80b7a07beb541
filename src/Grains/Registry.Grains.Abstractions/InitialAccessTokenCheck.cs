namespace Registry.Grains.Abstractions;

/// <summary>The answer of a check or use of an initial access token; <see cref="AllowedScopes"/> (null: the tenant's) only when valid.</summary>
[GenerateSerializer, Immutable]
[Alias("Registry.InitialAccessTokenCheck")]
public sealed record InitialAccessTokenCheck(
    [property: Id(0)] InitialAccessTokenStatus Status,
    [property: Id(1)] string[]? AllowedScopes)
{
    public static readonly InitialAccessTokenCheck Unknown = new(InitialAccessTokenStatus.Unknown, null);

    public bool IsValid => Status == InitialAccessTokenStatus.Valid;
}
