using System.Text.Json.Serialization;

namespace Registry.Grains.Revocation;

/// <summary>
/// The stored document of one shard of a tenant's revoked access tokens. Member names are pinned (the storage schema;
/// see <see cref="Clients.ClientState"/> for how it changes). Tokens are named by the SHA-256 of their jti only.
/// </summary>
[GenerateSerializer]
[Alias("Registry.RevokedTokensState")]
public sealed record RevokedTokensState
{
    /// <summary>Version 1: the document as first stored.</summary>
    public const int CurrentSchemaVersion = 1;

    [Id(0), JsonPropertyName("SchemaVersion")] public int SchemaVersion { get; init; } = 1;

    /// <summary>base64url SHA-256 of a revoked token's jti → when the token expires (then the entry is dropped).</summary>
    [Id(1), JsonPropertyName("Revoked")] public Dictionary<string, DateTimeOffset> Revoked { get; init; } = new(StringComparer.Ordinal);
}
