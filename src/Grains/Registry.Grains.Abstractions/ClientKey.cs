namespace Registry.Grains.Abstractions;

/// <summary>
/// The key of a client grain: "{tenant}/{client_id}". Tenant names cannot contain '/', so a key always
/// belongs to exactly one tenant: a client id of one tenant never resolves inside another.
/// </summary>
public static class ClientKey
{
    public static string Of(string tenant, string clientId) => string.Concat(tenant, "/", clientId);

    /// <summary>The tenant a grain key belongs to: the part before '/', or the whole key (a tenant grain's key).</summary>
    public static string TenantOf(string key)
    {
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? key : key[..slash];
    }

    public static (string Tenant, string ClientId) Parse(string key)
    {
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        return slash <= 0
            ? throw new ArgumentException($"'{key}' is not a client grain key", nameof(key))
            : (key[..slash], key[(slash + 1)..]);
    }
}
