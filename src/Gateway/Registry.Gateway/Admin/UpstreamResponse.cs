namespace Registry.Gateway.Admin;

/// <summary>A tenant's upstream OpenID Provider as the admin API answers it: never its client secret.</summary>
internal sealed record UpstreamResponse(string Issuer, string ClientId, IReadOnlyList<string> Scopes);
