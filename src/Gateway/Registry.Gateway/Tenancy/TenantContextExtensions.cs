namespace Registry.Gateway.Tenancy;

internal static class TenantContextExtensions
{
    public static TenantContext Tenant(this HttpContext http) =>
        http.Features.Get<TenantContext>() ?? throw new InvalidOperationException("TenantFilter did not run for this endpoint");
}
