using System.Text.Json.Serialization;

namespace Registry.Grains.Tenants;

/// <summary>
/// A runtime tenant's upstream OpenID Provider as stored (tenant version 5): the client secret only as Data Protection
/// ciphertext (<see cref="UpstreamSecrets"/>), never in clear.
/// </summary>
[GenerateSerializer]
[Alias("Registry.StoredUpstream")]
public sealed record StoredUpstream
{
    [Id(0), JsonPropertyName("Issuer")] public string Issuer { get; init; } = "";
    [Id(1), JsonPropertyName("ClientId")] public string ClientId { get; init; } = "";
    [Id(2), JsonPropertyName("ProtectedClientSecret")] public byte[] ProtectedClientSecret { get; init; } = [];
    [Id(3), JsonPropertyName("Scopes")] public string[] Scopes { get; init; } = [];
}
