using Registry.Protocol.Metadata;

namespace Registry.Grains.Clients;

/// <summary>
/// The persisted state of a client grain. Property names are the storage schema (JSON in Azure Table
/// storage): change them only with a migration note. Secrets are stored as SHA-256 hashes only.
/// </summary>
[GenerateSerializer]
[Alias("Registry.ClientState")]
public sealed record ClientState
{
    [Id(0)] public ClientMetadata Metadata { get; init; } = new();

    [Id(1)] public byte[] SecretHash { get; init; } = [];

    /// <summary>Seconds since the epoch when the secret expires; 0 = never.</summary>
    [Id(2)] public long SecretExpiresAt { get; init; }

    [Id(3)] public byte[] RegistrationTokenHash { get; init; } = [];

    [Id(4)] public DateTimeOffset CreatedAt { get; init; }

    [Id(5)] public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>Last successful client authentication; persisted lazily (see <see cref="ClientGrain"/>).</summary>
    [Id(6)] public DateTimeOffset? LastUsedAt { get; set; }

    /// <summary>Incremented by every change of the registration.</summary>
    [Id(7)] public int Version { get; init; }
}
