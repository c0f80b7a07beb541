using Microsoft.Extensions.Options;
using Registry.Hosting.Configuration;
using Registry.Protocol.Tenancy;

namespace Registry.Gateway.Tenancy;

/// <summary>
/// The issuer of a tenant: the configured base URL, or else the scheme and host the request arrived at
/// (behind a proxy, with ASPNETCORE_FORWARDEDHEADERS_ENABLED, the forwarded ones). Tenants other than the
/// default live under "/tenants/{name}" (an RFC 8414 issuer with a path).
/// </summary>
internal sealed class IssuerResolver(IOptions<RegistryOptions> options)
{
    private readonly string? _configured = string.IsNullOrEmpty(options.Value.Issuer) ? null : options.Value.Issuer.TrimEnd('/');

    public string Resolve(HttpRequest request, string tenant)
    {
        var root = _configured ?? string.Concat(request.Scheme, "://", request.Host.Value, request.PathBase.Value);
        return tenant == TenantNames.Default ? root : string.Concat(root, "/tenants/", tenant);
    }
}
