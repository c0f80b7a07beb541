namespace Registry.Grains.Abstractions;

/// <summary>
/// One page of a tenant's client index (key: <see cref="ClientIndexKey"/>): the clients registered with the
/// sequences <c>page * PageSize</c> to <c>(page + 1) * PageSize - 1</c>, in one stored document. Changes that
/// arrive while the page is being written are written together in the next write (group commit); a call
/// returns once the write holding its change is stored, and fails when that write fails (nothing of it is
/// then kept in memory either). Every change is idempotent. Walk the pages with <see cref="ClientListing"/>.
/// </summary>
[Alias("Registry.IClientIndexGrain")]
public interface IClientIndexGrain : IGrainWithStringKey
{
    /// <summary>Lists the client (idempotent by <see cref="ClientIndexEntry.Sequence"/>: a repeated add changes nothing).</summary>
    [Alias("Add")]
    Task Add(ClientIndexEntry entry);

    /// <summary>Replaces the entry with the same sequence (its name, software_id or disabled flag changed); adds it when missing.</summary>
    [Alias("Update")]
    Task Update(ClientIndexEntry entry);

    /// <summary>Removes the entry with this sequence, if there is one.</summary>
    [Alias("Remove")]
    Task Remove(long sequence);

    /// <summary>
    /// Up to <paramref name="limit"/> entries with a sequence of at most <paramref name="maxSequence"/>, newest
    /// (highest sequence) first, with this software_id (exact, ordinal) and a client_name starting with
    /// <paramref name="clientNamePrefix"/> (ordinal); null filters match everything.
    /// </summary>
    [Alias("List")]
    Task<ClientIndexEntry[]> List(long maxSequence, int limit, string? softwareId, string? clientNamePrefix);

    /// <summary>
    /// The idle-client sweep's candidates on this page (read only, no client activated): enabled entries last active
    /// at or before <paramref name="activeBefore"/> (null: none), and entries the sweep disabled at or before
    /// <paramref name="idleDisabledBefore"/> (null: none). An operator-disabled entry is never a candidate. Each
    /// candidate's client grain decides from its own state; the index only narrows the walk.
    /// </summary>
    [Alias("IdleCandidates")]
    Task<ClientIndexEntry[]> IdleCandidates(DateTimeOffset? activeBefore, DateTimeOffset? idleDisabledBefore);
}
