namespace Registry.Grains.Tenants;

/// <summary>
/// The tenants named in configuration, resolved once at startup by the silo host (configuration is their source
/// of truth), and the silo's environment: <see cref="Development"/> lets runtime tenants' clients register local
/// URLs as configured tenants' may there.
/// </summary>
public sealed class TenantDirectory(IEnumerable<TenantSettings> tenants, bool development = false)
{
    private readonly Dictionary<string, TenantSettings> _tenants = tenants.ToDictionary(t => t.Name, StringComparer.Ordinal);

    public IEnumerable<TenantSettings> All => _tenants.Values;

    public bool Development => development;

    public TenantSettings? Find(string name) => _tenants.GetValueOrDefault(name);
}
