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

    /// <summary>Honour X-Forwarded-For/-Proto/-Host from trusted proxies (for the issuer and client addresses).</summary>
    public ForwardedHeadersSettings ForwardedHeaders { get; set; } = new();
}

internal sealed class ForwardedHeadersSettings
{
    public bool Enabled { get; set; }

    /// <summary>Proxy addresses trusted to set forwarded headers; with none listed, only loopback is trusted.</summary>
    public string[] KnownProxies { get; set; } = [];

    /// <summary>Networks (CIDR, e.g. 10.0.0.0/8) trusted to set forwarded headers.</summary>
    public string[] KnownNetworks { get; set; } = [];
}
