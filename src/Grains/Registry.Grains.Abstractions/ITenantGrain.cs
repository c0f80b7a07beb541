namespace Registry.Grains.Abstractions;

/// <summary>
/// One tenant (key: tenant name). Owns the tenant's signing keys (generated on first use and persisted)
/// and serves its registration policy and bootstrap admin client: from the silo's configuration for a tenant
/// named there, else from the definition stored when the tenant was created at runtime (<see cref="Create"/>).
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

    /// <summary>
    /// Like <see cref="ReserveClient"/>, and hands out the client's sequence number (for the tenant's client
    /// index): increasing, never handed out twice, not even after a crash.
    /// </summary>
    [Alias("ReserveClientSlot")]
    Task<ClientSlot> ReserveClientSlot();

    /// <summary>The sequence numbers of the tenant's current incarnation (see <see cref="ClientSequenceRange"/>).</summary>
    [Alias("ClientSequenceRange")]
    Task<ClientSequenceRange> ClientSequenceRange();

    /// <summary>
    /// Creates a runtime tenant with new signing and identifier keys. Exists when it already exists (an identical
    /// repeat of the create answers Ok); Configured when its name is configured; LimitReached when the tenant
    /// index is full.
    /// </summary>
    [Alias("Create")]
    Task<TenantChangeStatus> Create(TenantDefinition definition);

    /// <summary>Replaces a runtime tenant's definition; its keys, identifier key and client count stay.</summary>
    [Alias("Update")]
    Task<TenantChangeStatus> Update(TenantDefinition definition);

    /// <summary>
    /// Deletes a runtime tenant: its keys and identifier key are discarded (a tenant created again under the name
    /// accepts none of the old tenant's ids or tokens), its initial access tokens revoked.
    /// </summary>
    [Alias("Delete")]
    Task<TenantChangeStatus> Delete();

    /// <summary>The tenant as the operator reads it (configured tenants too); null when there is none.</summary>
    [Alias("Describe")]
    Task<TenantDescription?> Describe();

    /// <summary>
    /// The tenant's signing keys with their private keys protected, for the silo's signer (<see cref="ITokenSignerGrain"/>);
    /// null when there is no such tenant.
    /// </summary>
    [Alias("GetProtectedSigningKeys")]
    Task<ProtectedSigningKey[]?> GetProtectedSigningKeys();

    /// <summary>The tenant's published signing keys, after any rotation or retirement due now; null when there is no such tenant.</summary>
    [Alias("ListSigningKeys")]
    Task<SigningKeyInfo[]?> ListSigningKeys();

    /// <summary>
    /// Rotates now (a compromised key): a new key signs at once; the keys it supersedes stay published until the tokens
    /// they signed expired; a pre-published next key is dropped. Null when there is no such tenant.
    /// </summary>
    [Alias("RotateSigningKey")]
    Task<SigningKeyInfo[]?> RotateSigningKey();
}
