using Registry.Gateway.Http;
using Registry.Gateway.Telemetry;
using Registry.Protocol.Errors;
using Registry.Protocol.Tenancy;

namespace Registry.Gateway.Tenancy;

/// <summary>
/// Resolves the tenant of a request (route value "tenant", else the default tenant) before the handler
/// runs; unknown tenants get 404 without reaching a handler.
/// </summary>
internal sealed class TenantFilter(TenantCatalog catalog, IssuerResolver issuers) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        // The default tenant lives at the root only: "/tenants/default" would give it a second issuer.
        var routed = http.GetRouteValue("tenant") as string;
        var name = routed ?? TenantNames.Default;
        var tenant = TenantNames.IsValid(name) && routed != TenantNames.Default ? await catalog.FindAsync(name) : null;
        if (tenant is null)
        {
            var endpoint = ObservedEndpoint.KindOf(http);
            return new OAuthErrorResult(OAuthError.InvalidRequest(ErrorIds.TenantUnknown, $"there is no tenant named '{name}'"), endpoint);
        }

        http.Features.Set(new TenantContext(tenant, issuers.Resolve(http.Request, name)));
        return await next(context);
    }
}
