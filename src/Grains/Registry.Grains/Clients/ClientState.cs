using System.Text.Json.Serialization;

namespace Registry.Grains.Clients;

/// <summary>
/// The stored document of a client grain (JSON in Azure Table storage), its own versioned shape: member names
/// are pinned by <see cref="JsonPropertyNameAttribute"/>, so renaming a property changes nothing stored.
/// Changing what is stored means a new <see cref="CurrentSchemaVersion"/>, reading every older version, and
/// a golden document of the new version in the grain tests (StoredDocuments/). Secrets are stored as
/// SHA-256 hashes only.
/// </summary>
[GenerateSerializer]
[Alias("Registry.ClientState")]
public sealed record ClientState
{
    /// <summary>
    /// Version 1: the document as first stored (it had no SchemaVersion member, which reads as 1).
    /// Version 2: adds <see cref="DeletedAt"/>: a deleted client is kept as a tombstone (no metadata, no secret
    /// hash; <see cref="RegistrationTokenHash"/> is the hash of the token that deleted it). A live client's
    /// version 2 document has the members of version 1 (DeletedAt is written only on a tombstone).
    /// Version 3: adds <see cref="IndexSequence"/> (the client's place in its tenant's client index; absent for
    /// clients registered before the index) and <see cref="DisabledAt"/> (absent unless disabled). Both are
    /// written only when set, so a version 3 document of an unindexed, enabled client has the members of version 2.
    /// Version 4: adds <see cref="AuthorizedAt"/> and <see cref="RemoveIfUnusedAt"/> (authorization-code clients),
    /// each written only when set; a public client (token_endpoint_auth_method none) stores an empty
    /// <see cref="SecretHash"/>.
    /// Version 5 (lifecycle): adds <see cref="PreviousSecretHash"/> and <see cref="PreviousSecretExpiresAt"/> (a rotated
    /// secret's overlap) and <see cref="DisabledReason"/>, each written only when set; <see cref="SecretExpiresAt"/> is
    /// now set from the tenant's secret lifetime.
    /// </summary>
    public const int CurrentSchemaVersion = 5;

    [Id(0), JsonPropertyName("Metadata")] public StoredClientMetadata Metadata { get; init; } = new();

    /// <summary>The hash of the client secret; empty for a public client, which has none.</summary>
    [Id(1), JsonPropertyName("SecretHash")] public byte[] SecretHash { get; init; } = [];

    /// <summary>Seconds since the epoch when the secret expires; 0 = never.</summary>
    [Id(2), JsonPropertyName("SecretExpiresAt")] public long SecretExpiresAt { get; init; }

    [Id(3), JsonPropertyName("RegistrationTokenHash")] public byte[] RegistrationTokenHash { get; init; } = [];

    [Id(4), JsonPropertyName("CreatedAt")] public DateTimeOffset CreatedAt { get; init; }

    [Id(5), JsonPropertyName("UpdatedAt")] public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>Last successful client authentication; persisted lazily (see <see cref="ClientGrain"/>).</summary>
    [Id(6), JsonPropertyName("LastUsedAt")] public DateTimeOffset? LastUsedAt { get; set; }

    /// <summary>Incremented by every change of the registration.</summary>
    [Id(7), JsonPropertyName("Version")] public int Version { get; init; }

    /// <summary>The version of the document as read (absent: 1); every write of a changed registration sets <see cref="CurrentSchemaVersion"/>.</summary>
    [Id(8), JsonPropertyName("SchemaVersion")] public int SchemaVersion { get; init; } = 1;

    /// <summary>
    /// When the client was deleted (RFC 7592 §2.3); null while it exists. The tombstone lets a repeated DELETE
    /// with the same token succeed again, keeps the id from ever being registered again, and costs a row of a
    /// few hundred bytes, kept for good (nothing sweeps it; removing one only turns a late retried DELETE into a 401).
    /// </summary>
    [Id(9), JsonPropertyName("DeletedAt"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTimeOffset? DeletedAt { get; init; }

    /// <summary>
    /// The sequence its tenant handed out when the client registered: its entry in the client index is on page
    /// <c>IndexSequence / ClientIndexKey.PageSize</c>. Null for a client registered before the index (not listed).
    /// A tombstone keeps it, so a repeated delete removes the entry again.
    /// </summary>
    [Id(10), JsonPropertyName("IndexSequence"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? IndexSequence { get; init; }

    /// <summary>When an operator disabled the client; null while it is enabled. A disabled client cannot get tokens or manage its registration.</summary>
    [Id(11), JsonPropertyName("DisabledAt"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTimeOffset? DisabledAt { get; init; }

    /// <summary>When the client first redeemed an authorization code; null until then. Written once.</summary>
    [Id(12), JsonPropertyName("AuthorizedAt"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTimeOffset? AuthorizedAt { get; init; }

    /// <summary>The hash of the secret a rotation replaced; accepted until <see cref="PreviousSecretExpiresAt"/>, then dropped.</summary>
    [Id(14), JsonPropertyName("PreviousSecretHash"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public byte[]? PreviousSecretHash { get; init; }

    /// <summary>The end of the rotation overlap: the previous secret works until then (never past its own expiry).</summary>
    [Id(15), JsonPropertyName("PreviousSecretExpiresAt"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTimeOffset? PreviousSecretExpiresAt { get; init; }

    /// <summary>Why the client is disabled: null for an operator's disable, "idle" for the idle-client sweep.</summary>
    [Id(16), JsonPropertyName("DisabledReason"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? DisabledReason { get; init; }

    /// <summary>
    /// When a client registered in open mode is removed unless <see cref="AuthorizedAt"/> is set by then (an Orleans
    /// reminder of the grain acts on it); null for every other client.
    /// </summary>
    [Id(13), JsonPropertyName("RemoveIfUnusedAt"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTimeOffset? RemoveIfUnusedAt { get; init; }
}
