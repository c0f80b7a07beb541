using System.Text.Json.Serialization;

namespace Registry.Grains.Tenants;

/// <summary>
/// The stored document of a tenant grain: its signing keys, newest first, its client count and its identifier
/// key (the MAC key of its client ids and registration access tokens). Member names
/// are pinned by <see cref="JsonPropertyNameAttribute"/> (the storage schema; see <see cref="Clients.ClientState"/>
/// for how it changes). Private keys are stored protected with the silo's Data Protection key ring (see
/// <see cref="StoredSigningKey"/>): the grain store alone does not reveal them; public keys are in clear.
/// </summary>
[GenerateSerializer]
[Alias("Registry.TenantState")]
public sealed class TenantState
{
    /// <summary>
    /// Version 1: the document as first stored (it had no SchemaVersion member, which reads as 1).
    /// Version 2: adds <see cref="IdentifierKey"/> and <see cref="AcceptsLegacyIdentifiers"/>; a version 1
    /// document gets a key on its tenant's next activation and keeps accepting the identifiers issued before.
    /// Version 3: runtime tenants (<see cref="Definition"/>, <see cref="CreatedAt"/>, <see cref="UpdatedAt"/>,
    /// <see cref="DeletedAt"/>) and the client sequence (<see cref="SequenceCeiling"/>, <see cref="FirstSequence"/>).
    /// Each is written only when set, so a configured tenant's version 3 document has the members of version 2
    /// until it hands out its first client sequence number.
    /// Version 4: a runtime tenant's registration policy may have AllowedResources and
    /// RemoveUnusedOpenClientsAfterSeconds (see <see cref="StoredRegistrationPolicy"/>), each written only when not
    /// the default, so a version 4 document of a tenant using neither has the members of version 3.
    /// Version 5: a runtime tenant's policy may have the lifecycle members (SecretLifetimeSeconds, SecretRotation,
    /// SecretOverlapSeconds, IdleDisableAfterSeconds, IdleDeleteAfterSeconds, SigningKeyLifetimeSeconds; see
    /// <see cref="StoredRegistrationPolicy"/>), each written only when not the default; signing keys rotate and are
    /// stored protected: each key has ProtectedPrivateKey, PublicKey (SubjectPublicKeyInfo), ActivatesAt and, once a
    /// newer key took over, SupersededAt (see <see cref="StoredSigningKey"/>); Pkcs8PrivateKey (a clear private key) is
    /// no longer written: a document of an older version has its keys rewritten protected on the tenant's next activation.
    /// </summary>
    public const int CurrentSchemaVersion = 5;

    [Id(0), JsonPropertyName("SigningKeys")] public List<StoredSigningKey> SigningKeys { get; set; } = [];

    /// <summary>
    /// Registered clients, the count the client quota is held against: a reservation adds one, a delete (or a
    /// reservation not used) takes one; written within a second of a change (older versions kept an approximation).
    /// </summary>
    [Id(1), JsonPropertyName("ClientCount")] public long ClientCount { get; set; }

    /// <summary>The version of the document as read (absent: 1); set to <see cref="CurrentSchemaVersion"/> when written.</summary>
    [Id(2), JsonPropertyName("SchemaVersion")] public int SchemaVersion { get; set; } = 1;

    /// <summary>The key of the MACs client ids and registration access tokens carry; empty until generated (version 1).</summary>
    [Id(3), JsonPropertyName("IdentifierKey")] public byte[] IdentifierKey { get; set; } = [];

    /// <summary>
    /// Set when the key was generated for a tenant already stored (a version 1 document): its clients have
    /// identifiers without a MAC, which stay accepted. A tenant created with its key accepts MAC'd ones only.
    /// </summary>
    [Id(4), JsonPropertyName("AcceptsLegacyIdentifiers")] public bool AcceptsLegacyIdentifiers { get; set; }

    /// <summary>A runtime tenant's definition (null for a tenant named in configuration, and after a delete).</summary>
    [Id(5), JsonPropertyName("Definition"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public StoredTenantDefinition? Definition { get; set; }

    /// <summary>When the runtime tenant was created (its current incarnation).</summary>
    [Id(6), JsonPropertyName("CreatedAt"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTimeOffset? CreatedAt { get; set; }

    /// <summary>When the runtime tenant's definition last changed (or it was deleted).</summary>
    [Id(7), JsonPropertyName("UpdatedAt"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTimeOffset? UpdatedAt { get; set; }

    /// <summary>
    /// Set when a runtime tenant was deleted: its keys and identifier key are gone, so none of its ids and tokens
    /// is accepted again; the document stays for <see cref="SequenceCeiling"/>.
    /// </summary>
    [Id(8), JsonPropertyName("DeletedAt"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTimeOffset? DeletedAt { get; set; }

    /// <summary>
    /// Every client sequence number handed out is below it: raised by a block before numbers beyond it are handed
    /// out, so a crash never hands one out twice (an activation starts at it; the rest of a block is skipped).
    /// </summary>
    [Id(9), JsonPropertyName("SequenceCeiling"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public long SequenceCeiling { get; set; }

    /// <summary>The first sequence number of the tenant's current incarnation (the ceiling when it was last created).</summary>
    [Id(10), JsonPropertyName("FirstSequence"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public long FirstSequence { get; set; }

    /// <summary>A copy to change (the grain keeps its stored state until a write succeeded).</summary>
    public TenantState Copy()
    {
        var copy = (TenantState)MemberwiseClone();
        copy.SigningKeys = [.. SigningKeys];
        return copy;
    }
}
