namespace Registry.Gateway.Admin;

/// <summary>A tenant's initial access tokens (live, and recently expired or revoked ones).</summary>
internal sealed record InitialAccessTokenList(IReadOnlyList<InitialAccessTokenView> InitialAccessTokens);
