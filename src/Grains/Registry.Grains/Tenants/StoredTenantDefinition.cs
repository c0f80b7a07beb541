using System.Text.Json.Serialization;
using Registry.Grains.Abstractions;

namespace Registry.Grains.Tenants;

/// <summary>
/// A runtime tenant's definition as stored (inside <see cref="TenantState"/>): its own shape, separate from the
/// message <see cref="TenantDefinition"/>. The admin secret is stored as its SHA-256 hash only.
/// </summary>
[GenerateSerializer]
[Alias("Registry.StoredTenantDefinition")]
public sealed record StoredTenantDefinition
{
    [Id(0), JsonPropertyName("AdminClientId")] public string AdminClientId { get; init; } = "";
    [Id(1), JsonPropertyName("AdminSecretHash")] public byte[] AdminSecretHash { get; init; } = [];
    [Id(2), JsonPropertyName("AdminTokenLifetimeSeconds")] public int AdminTokenLifetimeSeconds { get; init; } = 900;
    [Id(3), JsonPropertyName("Policy")] public StoredRegistrationPolicy Policy { get; init; } = new();
    [Id(4), JsonPropertyName("SigningAlgorithm")] public string SigningAlgorithm { get; init; } = "RS256";
    [Id(5), JsonPropertyName("Throttles")] public StoredThrottlePolicy Throttles { get; init; } = new();

    /// <summary>The upstream OpenID Provider, its client secret encrypted; written only when set (tenant version 5).</summary>
    [Id(6), JsonPropertyName("Upstream"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public StoredUpstream? Upstream { get; init; }

    public static StoredTenantDefinition From(TenantDefinition d) => new()
    {
        AdminClientId = d.AdminClientId,
        AdminSecretHash = d.AdminSecretHash,
        AdminTokenLifetimeSeconds = d.AdminTokenLifetimeSeconds,
        Policy = StoredRegistrationPolicy.From(d.Policy),
        SigningAlgorithm = d.SigningAlgorithm,
        Throttles = StoredThrottlePolicy.From(d.Throttles),
    };

    /// <summary>The settings the tenant grain serves (<paramref name="development"/>: the silo's environment).</summary>
    public TenantSettings ToSettings(string name, bool development) => new(
        name,
        AdminClientId,
        AdminSecretHash,
        UsesDefaultAdminSecret: false,
        AdminTokenLifetimeSeconds,
        Policy.ToPolicy(development),
        SigningAlgorithm,
        Throttles.ToPolicy());

    /// <summary>
    /// Whether two definitions store the same thing (an identical repeat of a create), their upstreams aside: an
    /// encrypted secret differs at every encryption, so the tenant grain compares upstreams decrypted.
    /// </summary>
    public bool SameAs(StoredTenantDefinition other) =>
        System.Text.Json.JsonSerializer.Serialize(this with { Upstream = null }) == System.Text.Json.JsonSerializer.Serialize(other with { Upstream = null });
}
