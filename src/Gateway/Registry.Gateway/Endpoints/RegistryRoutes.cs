using Registry.Gateway.Authorization;
using Registry.Gateway.Telemetry;
using Registry.Gateway.Tenancy;

namespace Registry.Gateway.Endpoints;

/// <summary>The default tenant at the root, every other tenant under /tenants/{tenant}, with identical endpoints.</summary>
internal static class RegistryRoutes
{
    public static IEndpointRouteBuilder MapRegistry(this IEndpointRouteBuilder app)
    {
        MapTenant(app.MapGroup("").WithTags("OAuth (default tenant)"));
        MapTenant(app.MapGroup("/tenants/{tenant}").WithTags("OAuth (tenant)"));
        DiscoveryEndpoints.MapPathInserted(app);
        return app;
    }

    private static void MapTenant(RouteGroupBuilder tenant)
    {
        // Observation wraps tenant resolution, so requests for unknown tenants are measured and audited too.
        tenant.AddEndpointFilter<ObservationFilter>();
        tenant.AddEndpointFilter<TenantFilter>();
        DiscoveryEndpoints.Map(tenant);
        TokenEndpoint.Map(tenant);
        IntrospectionEndpoint.Map(tenant);
        RevocationEndpoint.Map(tenant);
        AuthorizeEndpoints.Map(tenant);
        RegistrationEndpoints.Map(tenant);
    }
}
