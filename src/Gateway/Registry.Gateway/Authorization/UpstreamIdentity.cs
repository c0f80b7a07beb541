namespace Registry.Gateway.Authorization;

/// <summary>A user as the tenant's upstream OpenID Provider identified them: its issuer, their subject, when they authenticated.</summary>
internal sealed record UpstreamIdentity(string Issuer, string Subject, DateTimeOffset AuthTime);
