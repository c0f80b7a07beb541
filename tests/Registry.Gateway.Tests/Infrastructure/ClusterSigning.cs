using System.Buffers.Text;
using System.Text;
using System.Text.Json;
using Registry.Gateway.Tenancy;
using Registry.Gateway.Tokens;

namespace Registry.Gateway.Tests.Infrastructure;

/// <summary>Tokens of any shape signed with a tenant's real current key, by the silo (the gateway holds no private key).</summary>
internal static class ClusterSigning
{
    public static async Task<string> SignAsync(IServiceProvider services, TenantRuntime tenant, string type, IReadOnlyDictionary<string, object> claims)
    {
        var key = tenant.SigningKeyAt(DateTimeOffset.UtcNow);
        var header = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string> { ["alg"] = key.Algorithm, ["kid"] = key.KeyId, ["typ"] = type });
        var input = Base64Url.EncodeToString(header) + "." + Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(claims));
        var signature = await services.GetRequiredService<ITokenSigner>().SignAsync(tenant.Name, key.KeyId, Encoding.ASCII.GetBytes(input));
        return input + "." + Base64Url.EncodeToString(signature);
    }
}
