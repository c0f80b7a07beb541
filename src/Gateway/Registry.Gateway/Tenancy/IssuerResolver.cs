using Microsoft.Extensions.Options;
using Registry.Hosting.Configuration;
using Registry.Protocol.Tenancy;

namespace Registry.Gateway.Tenancy;

/// <summary>
/// The issuer of a tenant: the configured base URL, or else the scheme and host the request arrived at
/// (behind a proxy, with Registry:ForwardedHeaders, the forwarded ones) — but only when that host is allowed
/// (<see cref="AllowedHosts"/>): an issuer is never built from an untrusted Host or X-Forwarded-Host. Tenants
/// other than the default live under "/tenants/{name}" (an RFC 8414 issuer with a path).
/// </summary>
internal sealed class IssuerResolver(IOptions<RegistryOptions> options, IConfiguration configuration)
{
    private readonly string? _configured = string.IsNullOrEmpty(options.Value.Issuer) ? null : options.Value.Issuer.TrimEnd('/');

    private readonly AllowedHosts _hosts = AllowedHosts.From(configuration[AllowedHosts.ConfigurationKey], options.Value.Issuer);

    /// <summary>
    /// True when the issuer does not depend on the request (Registry:Issuer is set): discovery and keys may
    /// then be cached by shared caches; otherwise they vary by host.
    /// </summary>
    public bool IsFixed => _configured is not null;

    /// <summary>The request's issuer for <paramref name="tenant"/>, or null when the request's host is not allowed.</summary>
    public string? Resolve(HttpRequest request, string tenant)
    {
        if (!_hosts.Allows(request.Host))
        {
            return null;
        }

        var root = _configured ?? string.Concat(request.Scheme, "://", request.Host.Value, request.PathBase.Value);
        return tenant == TenantNames.Default ? root : string.Concat(root, "/tenants/", tenant);
    }
}
