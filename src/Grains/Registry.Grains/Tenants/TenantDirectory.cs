namespace Registry.Grains.Tenants;

/// <summary>The tenants this silo serves, resolved once at startup by the silo host.</summary>
public sealed class TenantDirectory(IEnumerable<TenantSettings> tenants)
{
    private readonly Dictionary<string, TenantSettings> _tenants = tenants.ToDictionary(t => t.Name, StringComparer.Ordinal);

    public IEnumerable<TenantSettings> All => _tenants.Values;

    public TenantSettings? Find(string name) => _tenants.GetValueOrDefault(name);
}
