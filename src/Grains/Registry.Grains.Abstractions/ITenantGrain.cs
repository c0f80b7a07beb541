namespace Registry.Grains.Abstractions;

/// <summary>
/// One tenant (key: tenant name). Owns the tenant's signing keys (generated on first use and persisted)
/// and serves its registration policy and bootstrap admin client from the silo's configuration.
/// </summary>
[Alias("Registry.ITenantGrain")]
public interface ITenantGrain : IGrainWithStringKey
{
    /// <summary>The tenant's policy and signing keys, or null when no such tenant is configured.</summary>
    [Alias("GetSnapshot")]
    Task<TenantSnapshot?> GetSnapshot();

    /// <summary>Adds a batch of client creations (+) and deletions (-) to the persisted count; answers the new total.</summary>
    [Alias("AddClientCount")]
    Task<long> AddClientCount(long delta);

    /// <summary>
    /// Constant-time check of the bootstrap admin client's credentials, under the tenant's limits: Granted,
    /// Refused (wrong credentials), Backoff (too many failures: even right credentials wait) or TokenRate.
    /// </summary>
    [Alias("AuthenticateAdminClient")]
    Task<Admission> AuthenticateAdmin(string clientId, string clientSecret);

    /// <summary>
    /// The previous version's admin check, for its gateways during a rolling upgrade (silos first): true when
    /// <see cref="AuthenticateAdmin"/> grants. Remove once no gateway of that version runs.
    /// </summary>
    [Alias("AuthenticateAdmin")]
    Task<bool> AuthenticateAdminPreviousVersion(string clientId, string clientSecret);

    /// <summary>
    /// Takes a slot of the tenant's client quota for a registration about to happen, under the tenant's
    /// registration rate; a registration that then fails gives it back with <see cref="ReleaseClient"/>.
    /// </summary>
    [Alias("ReserveClient")]
    Task<Admission> ReserveClient();

    /// <summary>Frees a slot of the client quota (a deleted client, or a reservation not used).</summary>
    [Alias("ReleaseClient")]
    Task ReleaseClient();
}
