using Microsoft.Extensions.Options;

namespace Registry.Grains.Configuration;

/// <summary>The configured tenants, resolved once. The default tenant exists even when not configured.</summary>
public sealed class TenantDirectory
{
    private readonly Dictionary<string, TenantSettings> _tenants;

    public TenantDirectory(IOptions<RegistryTenantsOptions> options)
    {
        _tenants = new Dictionary<string, TenantSettings>(StringComparer.Ordinal);
        foreach (var (name, tenant) in options.Value.Tenants)
        {
            _tenants[name] = TenantSettings.Resolve(name, tenant);
        }

        _tenants.TryAdd(RegistryTenantsOptions.DefaultTenant, TenantSettings.Resolve(RegistryTenantsOptions.DefaultTenant, new TenantOptions()));
    }

    public IEnumerable<TenantSettings> All => _tenants.Values;

    public TenantSettings? Find(string name) => _tenants.GetValueOrDefault(name);
}
