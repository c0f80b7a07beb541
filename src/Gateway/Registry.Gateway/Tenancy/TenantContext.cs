namespace Registry.Gateway.Tenancy;

/// <summary>The tenant a request addresses and the issuer it is served under; set by <see cref="TenantFilter"/>.</summary>
internal sealed record TenantContext(TenantRuntime Tenant, string Issuer)
{
    public const string DefaultTenant = Registry.Protocol.Tenancy.TenantNames.Default;

    public string Name => Tenant.Name;

    public string RegistrationClientUri(string clientId) => $"{Issuer}/register/{clientId}";
}

internal static class TenantContextExtensions
{
    public static TenantContext Tenant(this HttpContext http) =>
        http.Features.Get<TenantContext>() ?? throw new InvalidOperationException("TenantFilter did not run for this endpoint");
}
