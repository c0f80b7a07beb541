using System.Security.Cryptography;
using Registry.Protocol.Security;

namespace Registry.Grains.Tests.Operators;

[Collection(ClusterCollectionDefinition.Name)]
public sealed class OperatorGrainTests(ClusterFixture fixture)
{
    [Fact]
    public async Task The_operator_gets_one_persisted_es256_key_on_first_use()
    {
        var grain = fixture.Grains.GetGrain<IOperatorGrain>(IOperatorGrain.Key);

        var key = Assert.Single(await grain.GetSigningKeys());
        await fixture.DeactivateAllAsync();
        var again = Assert.Single(await grain.GetSigningKeys());

        Assert.Equal("ES256", key.Algorithm);
        using var ec = ECDsa.Create();
        ec.ImportPkcs8PrivateKey(key.Pkcs8PrivateKey, out _);
        Assert.Equal(PublicJwk.FromEc(ec.ExportParameters(false), "ES256").Kid, key.KeyId);
        Assert.Equal(key.KeyId, again.KeyId);
        Assert.Equal(key.Pkcs8PrivateKey, again.Pkcs8PrivateKey);
        var stored = fixture.Storage.Json("operator", GrainId.Create("operator", IOperatorGrain.Key))!;
        Assert.Contains(key.KeyId, stored, StringComparison.Ordinal);
        Assert.DoesNotContain("Pkcs8PrivateKey", stored, StringComparison.Ordinal);
        Assert.DoesNotContain(Convert.ToBase64String(key.Pkcs8PrivateKey), stored, StringComparison.Ordinal);
        Assert.Contains("\"ProtectedPrivateKey\"", stored, StringComparison.Ordinal);
    }
}
