namespace Registry.Gateway.Configuration;

/// <summary>The gateway's part of the "Registry" configuration section.</summary>
internal sealed class GatewayOptions
{
    public const string Section = "Registry";

    /// <summary>
    /// The public base URL of the default tenant's issuer (e.g. https://id.example.com). Tenant t's issuer is
    /// "{Issuer}/tenants/t". Unset: the issuer follows the scheme and host each request arrived at.
    /// </summary>
    public string? Issuer { get; set; }
}
