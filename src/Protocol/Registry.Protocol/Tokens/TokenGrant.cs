namespace Registry.Protocol.Tokens;

/// <summary>What an access token is issued with: the granted scope (space-delimited) and its lifetime.</summary>
public sealed record TokenGrant(string Scope, int LifetimeSeconds);
