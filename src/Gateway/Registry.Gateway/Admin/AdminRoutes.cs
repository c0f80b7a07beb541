using Scalar.AspNetCore;

namespace Registry.Gateway.Admin;

/// <summary>
/// The admin API under /admin, its OpenAPI document (/openapi/v1.json, which describes the OAuth endpoints too) and
/// the Scalar page browsing it (/docs). With Registry:Admin:Urls, all three answer only on the admin listener.
/// </summary>
internal static class AdminRoutes
{
    public const string Tag = "Admin";

    public static IEndpointRouteBuilder MapRegistryAdmin(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/admin").WithTags(Tag);
        admin.AddEndpointFilter<AdminFilter>();
        AdminTokenEndpoint.Map(admin);
        TenantAdminEndpoints.Map(admin);
        InitialAccessTokenEndpoints.Map(admin);
        ClientAdminEndpoints.Map(admin);
        ConsentAdminEndpoints.Map(admin);
        SigningKeyAdminEndpoints.Map(admin);

        var listener = app.ServiceProvider.GetRequiredService<AdminListener>();
        var operatorClient = app.ServiceProvider.GetRequiredService<OperatorClient>();
        app.MapOpenApi().AddEndpointFilter(new ListenerOnly(listener, operatorClient));
        app.MapScalarApiReference("/docs", options => options.WithTitle("Registry API").DisableDefaultFonts()).AddEndpointFilter(new ListenerOnly(listener, operatorClient));
        return app;
    }

    /// <summary>A 404 while the admin API is off, and on any other listener than the admin one (when there is one).</summary>
    private sealed class ListenerOnly(AdminListener listener, OperatorClient operatorClient) : IEndpointFilter
    {
        public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next) =>
            operatorClient.Enabled && listener.Admits(context.HttpContext) ? next(context) : ValueTask.FromResult<object?>(TypedResults.NotFound());
    }
}
