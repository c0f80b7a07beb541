namespace Registry.Gateway.Admin;

/// <summary>
/// A runtime tenant's upstream OpenID Provider in the admin API (<c>upstream</c>): where its users sign in. The client
/// secret is write-only: a replacement that omits it keeps the stored one (same issuer and client_id only).
/// </summary>
internal sealed record UpstreamRequest
{
    public string? Issuer { get; init; }

    public string? ClientId { get; init; }

    public string? ClientSecret { get; init; }

    /// <summary>Scopes asked of the provider; must include openid (default: openid).</summary>
    public string[]? Scopes { get; init; }
}
