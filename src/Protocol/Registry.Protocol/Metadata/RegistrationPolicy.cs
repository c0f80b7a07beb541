namespace Registry.Protocol.Metadata;

/// <summary>A tenant's registration policy: what clients may ask for and what they get by default.</summary>
public sealed record RegistrationPolicy
{
    public static readonly IReadOnlyList<string> StandardScopes = ["openid", "profile", "email", "address", "phone", "offline_access"];

    /// <summary>Scopes a client may register (never <see cref="MetadataDefaults.RegisterScope"/>).</summary>
    public IReadOnlyList<string> AllowedScopes { get; init; } = StandardScopes;

    /// <summary>Scope registered when a client omits <c>scope</c> (space-delimited, may be empty).</summary>
    public string DefaultScope { get; init; } = "";

    /// <summary>Grant types registered when a client omits <c>grant_types</c>; RFC 7591 §2 says authorization_code.</summary>
    public IReadOnlyList<string> DefaultGrantTypes { get; init; } = [GrantTypes.AuthorizationCode];

    public int DefaultTokenLifetimeSeconds { get; init; } = MetadataDefaults.TokenLifetimeSeconds;

    public int MinTokenLifetimeSeconds { get; init; } = 60;

    public int MaxTokenLifetimeSeconds { get; init; } = 86_400;

    /// <summary>
    /// Whether the URLs a client registers (jwks_uri, client_uri, logo_uri, tos_uri, policy_uri,
    /// sector_identifier_uri, initiate_login_uri) may use http and name local hosts: loopback, private,
    /// link-local and similar addresses, <c>localhost</c>. For development only; off, such URLs are refused,
    /// because the server, or whoever follows them, would reach into the deployment's own network.
    /// </summary>
    public bool AllowLocalUrls { get; init; }

    public bool AllowsScope(string scope) => AllowedScopes.Contains(scope, StringComparer.Ordinal);
}
