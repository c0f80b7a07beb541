using Registry.Gateway.Http;
using Registry.Gateway.Telemetry;
using Registry.Protocol.Errors;
using Registry.Protocol.Tenancy;

namespace Registry.Gateway.Tenancy;

/// <summary>
/// Resolves the tenant of a request (route value "tenant", else the default tenant) before the handler
/// runs; a request under a host that is not allowed gets 400, an unknown tenant 404, neither reaching a handler.
/// </summary>
internal sealed class TenantFilter(TenantCatalog catalog, IssuerResolver issuers) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        // The default tenant lives at the root only: "/tenants/default" would give it a second issuer.
        var routed = http.GetRouteValue("tenant") as string;
        var name = routed ?? TenantNames.Default;
        if (issuers.Resolve(http.Request, name) is not { } issuer)
        {
            return new OAuthErrorResult(HostNotAllowed, ObservedEndpoint.KindOf(http));
        }

        var tenant = TenantNames.IsValid(name) && routed != TenantNames.Default ? await catalog.FindAsync(name) : null;
        if (tenant is null)
        {
            var endpoint = ObservedEndpoint.KindOf(http);
            return new OAuthErrorResult(OAuthError.InvalidRequest(ErrorIds.TenantUnknown, $"there is no tenant named '{name}'"), endpoint);
        }

        http.Features.Set(new TenantContext(tenant, issuer));
        return await next(context);
    }

    private static readonly OAuthError HostNotAllowed =
        OAuthError.InvalidRequest(ErrorIds.RequestHostNotAllowed, "the request's host is not served here (AllowedHosts)");
}
