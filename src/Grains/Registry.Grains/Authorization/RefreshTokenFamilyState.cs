using System.Text.Json.Serialization;

namespace Registry.Grains.Authorization;

/// <summary>
/// The stored document of a refresh-token family. Member names are pinned (the storage schema; see
/// <see cref="Clients.ClientState"/> for how it changes). Refresh tokens are stored as SHA-256 hashes only.
/// </summary>
[GenerateSerializer]
[Alias("Registry.RefreshTokenFamilyState")]
public sealed record RefreshTokenFamilyState
{
    /// <summary>Version 1: the document as first stored.</summary>
    public const int CurrentSchemaVersion = 1;

    [Id(0), JsonPropertyName("SchemaVersion")] public int SchemaVersion { get; init; } = 1;

    /// <summary>What the authorization code granted; null for a family revoked before it was started (a tombstone).</summary>
    [Id(1), JsonPropertyName("Grant"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public StoredAuthorizationGrant? Grant { get; init; }

    /// <summary>When the family (every token of it) expires; the row may be purged after it.</summary>
    [Id(2), JsonPropertyName("ExpiresAt")] public DateTimeOffset ExpiresAt { get; init; }

    /// <summary>The hash of the current refresh token; empty for a family without refresh tokens.</summary>
    [Id(3), JsonPropertyName("CurrentHash")] public byte[] CurrentHash { get; init; } = [];

    /// <summary>The hash of the token the current one replaced (its retry gets the current one again); absent before the first rotation.</summary>
    [Id(4), JsonPropertyName("PreviousHash"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public byte[]? PreviousHash { get; init; }

    [Id(5), JsonPropertyName("CreatedAt")] public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When the current token was issued (the start or the last rotation).</summary>
    [Id(6), JsonPropertyName("RotatedAt")] public DateTimeOffset RotatedAt { get; init; }

    /// <summary>Rotations so far.</summary>
    [Id(7), JsonPropertyName("Rotations")] public int Rotations { get; init; }

    /// <summary>When the family was revoked (a replay, a reused code, an operator); null while it is valid.</summary>
    [Id(8), JsonPropertyName("RevokedAt"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTimeOffset? RevokedAt { get; init; }
}
