namespace Registry.Gateway.Tenancy;

/// <summary>The tenant a request addresses and the issuer it is served under; set by <see cref="TenantFilter"/>.</summary>
internal sealed record TenantContext(TenantRuntime Tenant, string Issuer)
{
    public string Name => Tenant.Name;

    public string RegistrationClientUri(string clientId) => $"{Issuer}/register/{clientId}";
}
