namespace Registry.Gateway.Admin;

/// <summary>An initial access token as listed: never the token.</summary>
internal sealed record InitialAccessTokenView(string Id, long ExpiresAt, int MaxUses, int Uses, long CreatedAt, bool Revoked, IReadOnlyList<string>? AllowedScopes);
