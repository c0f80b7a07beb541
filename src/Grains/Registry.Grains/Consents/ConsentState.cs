using System.Text.Json.Serialization;

namespace Registry.Grains.Consents;

/// <summary>
/// The stored document of one user's consents at one tenant: every approved client in one document (at most
/// <see cref="Abstractions.IConsentGrain.MaxClients"/>). Member names are pinned (the storage schema; see
/// <see cref="Clients.ClientState"/> for how it changes).
/// </summary>
[GenerateSerializer]
[Alias("Registry.ConsentState")]
public sealed record ConsentState
{
    /// <summary>Version 1: the document as first stored.</summary>
    public const int CurrentSchemaVersion = 1;

    [Id(0), JsonPropertyName("SchemaVersion")] public int SchemaVersion { get; init; } = 1;

    /// <summary>The user's subject as the tenant's upstream provider names it (the grain key holds its hash only).</summary>
    [Id(1), JsonPropertyName("Subject")] public string Subject { get; init; } = "";

    [Id(2), JsonPropertyName("Clients")] public StoredConsent[] Clients { get; init; } = [];
}
