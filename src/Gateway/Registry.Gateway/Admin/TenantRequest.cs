namespace Registry.Gateway.Admin;

/// <summary>
/// A tenant as the operator sends it (POST creates, PUT replaces): the registration mode and optional policy
/// members; what is omitted takes the documented default. Members a GET answers but an operator does not set
/// (<c>issuer</c>, <c>source</c>, timestamps) may be echoed and are ignored.
/// </summary>
internal sealed record TenantRequest
{
    /// <summary>The tenant's name: a DNS label (1-63 lowercase letters, digits, inner hyphens). POST only.</summary>
    public string? Name { get; init; }

    /// <summary>Required: admin_token, initial_access_token, open, or software_statement (reserved: refused).</summary>
    public string? RegistrationMode { get; init; }

    /// <summary>The bootstrap admin client's id (default "registerClient").</summary>
    public string? AdminClientId { get; init; }

    /// <summary>The bootstrap admin client's secret (at least 32 characters); generated and shown once when omitted. On PUT: omitted keeps the current one.</summary>
    public string? AdminClientSecret { get; init; }

    public int? AdminTokenLifetimeSeconds { get; init; }

    public string[]? AllowedScopes { get; init; }

    public string? DefaultScope { get; init; }

    public string[]? DefaultGrantTypes { get; init; }

    public string[]? AllowedGrantTypes { get; init; }

    public string[]? AllowedResponseTypes { get; init; }

    public string[]? AllowedTokenEndpointAuthMethods { get; init; }

    /// <summary>Hosts redirect URIs may name: exact hosts and "*.example.com" suffixes; omitted: any.</summary>
    public string[]? RedirectUriHosts { get; init; }

    /// <summary>reject (default): 400 naming the member; narrow: drop what is not allowed (RFC 7591 §3.1).</summary>
    public string? OnDisallowed { get; init; }

    public long? MaxClients { get; init; }

    /// <summary>Resources (RFC 8707) clients may ask tokens for; omitted: none.</summary>
    public string[]? AllowedResources { get; init; }

    /// <summary>In open mode: seconds after which a client that never completed an authorization is removed (default 86400; 0: never).</summary>
    public int? RemoveUnusedOpenClientsAfterSeconds { get; init; }

    /// <summary>Seconds a client secret lives (default 0: never expires).</summary>
    public int? SecretLifetimeSeconds { get; init; }

    /// <summary>never (default), on_update or near_expiry.</summary>
    public string? SecretRotation { get; init; }

    /// <summary>Seconds the previous secret keeps working after a rotation (default 3600).</summary>
    public int? SecretOverlapSeconds { get; init; }

    /// <summary>Seconds unused after which a client is disabled (default 0: never).</summary>
    public int? IdleDisableAfterSeconds { get; init; }

    /// <summary>Seconds after an idle disable after which the client is deleted (default 0: never).</summary>
    public int? IdleDeleteAfterSeconds { get; init; }

    /// <summary>Seconds a signing key signs before the next takes over (default 7776000; 0: never).</summary>
    public int? SigningKeyLifetimeSeconds { get; init; }

    public int? DefaultTokenLifetimeSeconds { get; init; }

    public int? MinTokenLifetimeSeconds { get; init; }

    public int? MaxTokenLifetimeSeconds { get; init; }

    /// <summary>The OpenID Provider the tenant's users sign in at; omitted: no user sign-in.</summary>
    public UpstreamRequest? Upstream { get; init; }

    /// <summary>RS256 (default) or ES256.</summary>
    public string? SigningAlgorithm { get; init; }

    /// <summary>Answered by GET; ignored here.</summary>
    public string? Issuer { get; init; }

    /// <summary>Answered by GET; ignored here.</summary>
    public string? Source { get; init; }

    /// <summary>Answered by GET; ignored here.</summary>
    public long? CreatedAt { get; init; }

    /// <summary>Answered by GET; ignored here.</summary>
    public long? UpdatedAt { get; init; }
}
