namespace Registry.Hosting.Configuration;

/// <summary>
/// The operator client ("Registry:Operator"): the one client that may call the admin API, with tokens of scope
/// <c>registry:admin</c> from <c>POST /admin/token</c>. In Development the defaults apply; elsewhere the admin API
/// is off until a secret is configured, and a default, placeholder or short secret stops startup.
/// </summary>
public sealed class RegistryOperatorOptions
{
    public const string DefaultClientId = "operator";

    /// <summary>The Development default secret: refused outside Development, like a tenant's default admin secret.</summary>
    public const string DefaultClientSecret = "password";

    public const int DefaultTokenLifetimeSeconds = 600;

    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    /// <summary>Lifetime of operator tokens (default 600 s, at most 3600 s).</summary>
    public int? TokenLifetimeSeconds { get; set; }
}
