namespace Registry.Hosting.Configuration;

/// <summary>"Registry:ForwardedHeaders": which reverse proxies may set the request's scheme, host and client address.</summary>
public sealed class RegistryForwardedHeadersOptions
{
    public bool Enabled { get; set; }

    /// <summary>Proxy addresses trusted to set forwarded headers; with none listed, only loopback is trusted.</summary>
    public string[] KnownProxies { get; set; } = [];

    /// <summary>Networks (CIDR, e.g. 10.0.0.0/8) trusted to set forwarded headers.</summary>
    public string[] KnownNetworks { get; set; } = [];
}
