using System.Text.Json.Serialization;

namespace Registry.Grains.InitialAccessTokens;

/// <summary>One initial access token as stored (inside <see cref="InitialAccessTokensState"/>): the SHA-256 hash of the token only.</summary>
[GenerateSerializer]
[Alias("Registry.StoredInitialAccessToken")]
public sealed class StoredInitialAccessToken
{
    [Id(0), JsonPropertyName("Id")] public string Id { get; set; } = "";

    [Id(1), JsonPropertyName("TokenHash")] public byte[] TokenHash { get; set; } = [];

    [Id(2), JsonPropertyName("ExpiresAt")] public DateTimeOffset ExpiresAt { get; set; }

    [Id(3), JsonPropertyName("MaxUses")] public int MaxUses { get; set; }

    [Id(4), JsonPropertyName("Uses")] public int Uses { get; set; }

    [Id(5), JsonPropertyName("CreatedAt")] public DateTimeOffset CreatedAt { get; set; }

    [Id(6), JsonPropertyName("RevokedAt"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTimeOffset? RevokedAt { get; set; }

    /// <summary>The scopes a registration with this token may get (null: whatever the tenant allows).</summary>
    [Id(7), JsonPropertyName("AllowedScopes"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string[]? AllowedScopes { get; set; }
}
