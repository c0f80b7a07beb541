namespace Registry.Gateway.Admin;

/// <summary>An issued initial access token: the token itself appears here once and is never shown again.</summary>
internal sealed record InitialAccessTokenCreated(string Id, string InitialAccessToken, long ExpiresAt, int MaxUses, IReadOnlyList<string>? AllowedScopes);
