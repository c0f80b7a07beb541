using System.Text.Json.Serialization;
using Registry.Protocol.Throttling;

namespace Registry.Grains.Tenants;

/// <summary>
/// A runtime tenant's limits as stored (inside <see cref="StoredTenantDefinition"/>): its own shape, separate
/// from the protocol core's <see cref="ThrottlePolicy"/>. Member names are pinned, and so are the values a
/// missing member stands for (the defaults when this shape was introduced, written out).
/// </summary>
[GenerateSerializer]
[Alias("Registry.StoredThrottlePolicy")]
public sealed record StoredThrottlePolicy
{
    [Id(0), JsonPropertyName("MaxClients")] public long MaxClients { get; init; } = 100_000;
    [Id(1), JsonPropertyName("RegistrationsPerSecond")] public double RegistrationsPerSecond { get; init; } = 10;
    [Id(2), JsonPropertyName("RegistrationBurst")] public int RegistrationBurst { get; init; } = 100;
    [Id(3), JsonPropertyName("TokenRequestsPerSecond")] public double TokenRequestsPerSecond { get; init; } = 20;
    [Id(4), JsonPropertyName("TokenBurst")] public int TokenBurst { get; init; } = 100;
    [Id(5), JsonPropertyName("ClientFailuresBeforeBackoff")] public int ClientFailuresBeforeBackoff { get; init; } = 5;
    [Id(6), JsonPropertyName("AddressFailuresBeforeBackoff")] public int AddressFailuresBeforeBackoff { get; init; } = 20;
    [Id(7), JsonPropertyName("BackoffSeconds")] public int BackoffSeconds { get; init; } = 1;
    [Id(8), JsonPropertyName("MaxBackoffSeconds")] public int MaxBackoffSeconds { get; init; } = 900;

    public static StoredThrottlePolicy From(ThrottlePolicy p) => new()
    {
        MaxClients = p.MaxClients,
        RegistrationsPerSecond = p.RegistrationsPerSecond,
        RegistrationBurst = p.RegistrationBurst,
        TokenRequestsPerSecond = p.TokenRequestsPerSecond,
        TokenBurst = p.TokenBurst,
        ClientFailuresBeforeBackoff = p.ClientFailuresBeforeBackoff,
        AddressFailuresBeforeBackoff = p.AddressFailuresBeforeBackoff,
        BackoffSeconds = p.BackoffSeconds,
        MaxBackoffSeconds = p.MaxBackoffSeconds,
    };

    public ThrottlePolicy ToPolicy() => new()
    {
        MaxClients = MaxClients,
        RegistrationsPerSecond = RegistrationsPerSecond,
        RegistrationBurst = RegistrationBurst,
        TokenRequestsPerSecond = TokenRequestsPerSecond,
        TokenBurst = TokenBurst,
        ClientFailuresBeforeBackoff = ClientFailuresBeforeBackoff,
        AddressFailuresBeforeBackoff = AddressFailuresBeforeBackoff,
        BackoffSeconds = BackoffSeconds,
        MaxBackoffSeconds = MaxBackoffSeconds,
    };
}
