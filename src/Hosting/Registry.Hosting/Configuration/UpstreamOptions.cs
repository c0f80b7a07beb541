namespace Registry.Hosting.Configuration;

/// <summary>
/// A tenant's upstream OpenID Provider ("Registry:Tenants:{name}:Upstream"): Registry signs users in there with the
/// authorization code flow and PKCE, as the confidential client <see cref="ClientId"/> (client_secret_basic), and
/// takes the user's subject from the validated ID token. Registry's redirect URI at the provider is
/// "{tenant issuer}/authorize/callback". Without <see cref="Issuer"/> the tenant signs no users in.
/// </summary>
public sealed class UpstreamOptions
{
    public const string DefaultScope = "openid";

    /// <summary>The provider's issuer identifier; its discovery document is read from "{Issuer}/.well-known/openid-configuration".</summary>
    public string? Issuer { get; set; }

    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    /// <summary>Scopes asked of the provider (default: openid).</summary>
    public string[]? Scopes { get; set; }

    public bool IsConfigured => !string.IsNullOrEmpty(Issuer);
}
