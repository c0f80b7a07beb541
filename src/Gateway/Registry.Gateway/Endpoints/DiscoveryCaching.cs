using Microsoft.Extensions.Options;
using Registry.Gateway.Tenancy;
using Registry.Hosting.Configuration;

namespace Registry.Gateway.Endpoints;

/// <summary>
/// How discovery documents and key sets may be cached. With a fixed issuer (Registry:Issuer) they are the
/// same for every request: public, five minutes. Otherwise the issuer follows the request's host (and, behind
/// trusted proxies, the forwarded host and scheme), so a shared cache must never serve one host's answer to
/// another: private, and Vary on what the issuer is built from.
/// </summary>
internal sealed class DiscoveryCaching(IssuerResolver issuers, IOptions<RegistryOptions> options)
{
    public string CacheControl { get; } = issuers.IsFixed ? "public, max-age=300" : "private, max-age=300";

    public string? Vary { get; } = issuers.IsFixed
        ? null
        : options.Value.ForwardedHeaders.Enabled ? "Host, X-Forwarded-Host, X-Forwarded-Proto" : "Host";
}
