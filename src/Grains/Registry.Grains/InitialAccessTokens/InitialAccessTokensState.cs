using System.Text.Json.Serialization;

namespace Registry.Grains.InitialAccessTokens;

/// <summary>
/// The stored document of a tenant's initial access tokens: all of them in one document (a tenant holds at
/// most a thousand live ones). Member names are pinned (the storage schema; see <see cref="Clients.ClientState"/>
/// for how it changes). Tokens are stored as SHA-256 hashes only.
/// </summary>
[GenerateSerializer]
[Alias("Registry.InitialAccessTokensState")]
public sealed class InitialAccessTokensState
{
    /// <summary>Version 1: the document as first stored.</summary>
    public const int CurrentSchemaVersion = 1;

    [Id(0), JsonPropertyName("SchemaVersion")] public int SchemaVersion { get; set; } = 1;

    [Id(1), JsonPropertyName("Tokens")] public List<StoredInitialAccessToken> Tokens { get; set; } = [];
}
