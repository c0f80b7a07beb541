namespace Registry.Gateway.Authorization;

/// <summary>A signed-in user of one tenant, sealed into the session cookie: subject, upstream issuer, sign-in time (Unix seconds).</summary>
internal sealed record UserSession(string Subject, string IdentityProvider, long AuthTime);
