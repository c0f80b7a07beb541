namespace Registry.Hosting.Configuration;

/// <summary>One tenant's configuration ("Registry:Tenants:{name}"); unset values take the documented defaults.</summary>
public sealed class TenantOptions
{
    public const string DefaultAdminClientId = "registerClient";

    /// <summary>The default bootstrap admin secret: accepted for the default tenant only, with a startup warning.</summary>
    public const string DefaultAdminClientSecret = "password";

    public const int DefaultAdminTokenLifetimeSeconds = 900;

    public string? AdminClientId { get; set; }

    public string? AdminClientSecret { get; set; }

    /// <summary>Lifetime of the admin client's register-scoped tokens (default 900 s).</summary>
    public int? AdminTokenLifetimeSeconds { get; set; }

    /// <summary>Scopes clients may register (default: the OpenID Connect standard scopes).</summary>
    public string[]? AllowedScopes { get; set; }

    /// <summary>Scope a client gets when it registers none (default: empty).</summary>
    public string? DefaultScope { get; set; }

    /// <summary>Grant types a client gets when it registers none (default authorization_code, per RFC 7591 §2).</summary>
    public string[]? DefaultGrantTypes { get; set; }

    /// <summary>
    /// How registrations are admitted: "admin_token" (default: the admin client's register-scoped token),
    /// "initial_access_token", "open" or "software_statement" (reserved, refused by the gateway).
    /// </summary>
    public string? RegistrationMode { get; set; }

    /// <summary>grant_types clients may register (default: every registrable one).</summary>
    public string[]? AllowedGrantTypes { get; set; }

    /// <summary>response_types clients may register (default: every registrable one).</summary>
    public string[]? AllowedResponseTypes { get; set; }

    /// <summary>token_endpoint_auth_method values clients may register (default: every supported one).</summary>
    public string[]? AllowedTokenEndpointAuthMethods { get; set; }

    /// <summary>Hosts redirect URIs may name: exact hosts or "*.example.com" for the names below it (default: any).</summary>
    public string[]? RedirectUriHosts { get; set; }

    /// <summary>What is done with requested values the tenant does not allow: "reject" (default) or "narrow" (RFC 7591 §3.1).</summary>
    public string? OnDisallowed { get; set; }

    /// <summary>Access-token lifetime of a client that registers none (default 1800 s).</summary>
    public int? TokenLifetimeSeconds { get; set; }

    public int? MinTokenLifetimeSeconds { get; set; }

    public int? MaxTokenLifetimeSeconds { get; set; }

    /// <summary>
    /// Algorithm of the access tokens this tenant signs: RS256 (default) or ES256 (about 12x cheaper to
    /// sign). Switching keeps the previous key published, so tokens already issued keep validating.
    /// </summary>
    public string? SigningAlgorithm { get; set; }

    /// <summary>Registered clients the tenant may hold, enforced for the whole cluster (default 100000).</summary>
    public long? MaxClients { get; set; }

    /// <summary>
    /// Resources (RFC 8707 resource indicators) clients may ask tokens for; each becomes an access token's audience
    /// (default: none).
    /// </summary>
    public string[]? AllowedResources { get; set; }

    /// <summary>In open registration mode: seconds after which a client that has not completed an authorization is removed (default 86400; 0 = never).</summary>
    public int? RemoveUnusedOpenClientsAfterSeconds { get; set; }

    /// <summary>Seconds a client secret lives from registration or rotation (default 0 = never expires).</summary>
    public int? SecretLifetimeSeconds { get; set; }

    /// <summary>never (default), on_update or near_expiry: when an RFC 7592 update hands a client a new secret.</summary>
    public string? SecretRotation { get; set; }

    /// <summary>Seconds the previous secret keeps working after a rotation (default 3600).</summary>
    public int? SecretOverlapSeconds { get; set; }

    /// <summary>Seconds unused after which a client is disabled (default 0 = never).</summary>
    public int? IdleDisableAfterSeconds { get; set; }

    /// <summary>Seconds after an idle disable (or unused, without one) after which a client is deleted (default 0 = never).</summary>
    public int? IdleDeleteAfterSeconds { get; set; }

    /// <summary>Seconds a signing key signs before the next takes over (default 7776000 = 90 days; 0 = never rotated).</summary>
    public int? SigningKeyLifetimeSeconds { get; set; }

    /// <summary>The OpenID Provider users of this tenant sign in at ("Registry:Tenants:{name}:Upstream"); unset: no user sign-in.</summary>
    public UpstreamOptions Upstream { get; set; } = new();

    /// <summary>Rate limits and back-off against abuse ("Registry:Tenants:{name}:Limits").</summary>
    public TenantLimitOptions Limits { get; set; } = new();
}
