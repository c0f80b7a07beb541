namespace Registry.Gateway.Admin;

/// <summary>An initial access token to issue (RFC 7591 §3): how long it lives, how many registrations it allows, and optionally fewer scopes than the tenant allows.</summary>
internal sealed record InitialAccessTokenRequest
{
    /// <summary>Seconds until it expires (1 to 31,536,000).</summary>
    public long? ExpiresIn { get; init; }

    /// <summary>Registrations it allows (1 to 1,000,000).</summary>
    public int? MaxUses { get; init; }

    /// <summary>Scopes clients registered with it may have: a subset of the tenant's; omitted: the tenant's.</summary>
    public string[]? AllowedScopes { get; init; }
}
