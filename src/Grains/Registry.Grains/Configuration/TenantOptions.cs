namespace Registry.Grains.Configuration;

/// <summary>
/// The "Registry" configuration section as the silo reads it: the tenants it serves. The tenant named
/// <see cref="DefaultTenant"/> always exists and is served at the root of the gateway.
/// </summary>
public sealed class RegistryTenantsOptions
{
    public const string Section = "Registry";

    public const string DefaultTenant = Registry.Protocol.Tenancy.TenantNames.Default;

    public Dictionary<string, TenantOptions> Tenants { get; set; } = [];
}

/// <summary>One tenant's configuration; unset values take the documented defaults.</summary>
public sealed class TenantOptions
{
    public const string DefaultAdminClientId = "registerClient";

    /// <summary>The seed's bootstrap password; accepted for the default tenant only, with a startup warning.</summary>
    public const string DefaultAdminClientSecret = "password";

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

    /// <summary>Access-token lifetime of a client that registers none (default 1800 s).</summary>
    public int? TokenLifetimeSeconds { get; set; }

    public int? MinTokenLifetimeSeconds { get; set; }

    public int? MaxTokenLifetimeSeconds { get; set; }

    /// <summary>
    /// Algorithm of the access tokens this tenant signs: RS256 (default) or ES256 (about 12x cheaper to
    /// sign). Switching keeps the previous key published, so tokens already issued keep validating.
    /// </summary>
    public string? SigningAlgorithm { get; set; }
}
