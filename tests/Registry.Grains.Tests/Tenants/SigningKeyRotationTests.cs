using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Registry.Grains.Telemetry;

namespace Registry.Grains.Tests.Tenants;

[Collection(ClusterCollectionDefinition.Name)]
public sealed class SigningKeyRotationTests(ClusterFixture fixture)
{
    private static readonly byte[] Input = Encoding.ASCII.GetBytes("eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0");

    [Theory]
    [InlineData("rotated")]
    [InlineData("rotated-es")]
    public async Task Rotating_now_signs_with_a_new_key_and_keeps_the_previous_one_published_and_signing_until_its_tokens_expired(string tenant)
    {
        var grain = fixture.Grains.GetGrain<ITenantGrain>(tenant);
        var before = Assert.Single((await grain.ListSigningKeys())!);
        Assert.Equal(SigningKeyInfo.Current, before.Status);

        var rotatedAt = DateTimeOffset.UtcNow;
        var after = (await grain.RotateSigningKey())!;

        Assert.Equal([SigningKeyInfo.Current, SigningKeyInfo.Previous], after.Select(k => k.Status));
        Assert.Equal(before.KeyId, after[1].KeyId);
        Assert.NotEqual(before.KeyId, after[0].KeyId);

        // Published until every token it may have signed (the longest lifetime: a day) expired, plus 5 minutes.
        Assert.InRange(after[1].RetiresAt!.Value, rotatedAt.AddDays(1).AddMinutes(5), DateTimeOffset.UtcNow.AddDays(1).AddMinutes(5));
        var snapshot = (await grain.GetSnapshot())!;
        Assert.Equal([after[0].KeyId, before.KeyId], snapshot.SigningKeys.Select(k => k.KeyId));
        foreach (var key in snapshot.SigningKeys)
        {
            Assert.True(Verifies(key, await fixture.Grains.GetGrain<ITokenSignerGrain>(tenant).Sign(key.KeyId, Input)));
        }

        var stored = fixture.Storage.Json("tenant", GrainId.Create("tenant", tenant))!;
        Assert.DoesNotContain("Pkcs8PrivateKey", stored, StringComparison.Ordinal);
        await fixture.DeactivateAllAsync();
        Assert.Equal(after.Select(k => k.KeyId), (await grain.ListSigningKeys())!.Select(k => k.KeyId));
        var age = fixture.SiloServices.GetRequiredService<SigningKeyAges>().AgeSeconds(tenant, DateTimeOffset.UtcNow);
        Assert.InRange(age!.Value, 0, (DateTimeOffset.UtcNow - rotatedAt).TotalSeconds + 1);
    }

    [Fact]
    public async Task The_signer_refuses_a_key_its_tenant_does_not_have()
    {
        var other = (await fixture.Grains.GetGrain<ITenantGrain>("acme").GetSnapshot())!.SigningKeys[0].KeyId;

        Assert.Empty(await fixture.Grains.GetGrain<ITokenSignerGrain>("default").Sign(other, Input));
        Assert.Empty(await fixture.Grains.GetGrain<ITokenSignerGrain>("no-such-tenant").Sign(other, Input));
    }

    [Fact]
    public async Task A_tenant_that_does_not_exist_has_no_keys_to_list_or_rotate()
    {
        var grain = fixture.Grains.GetGrain<ITenantGrain>("no-such-tenant");

        Assert.Null(await grain.ListSigningKeys());
        Assert.Null(await grain.RotateSigningKey());
        Assert.Null(fixture.Storage.Json("tenant", GrainId.Create("tenant", "no-such-tenant")));
    }

    private static bool Verifies(PublicSigningKey key, byte[] signature)
    {
        if (key.Algorithm == "ES256")
        {
            using var ec = ECDsa.Create();
            ec.ImportSubjectPublicKeyInfo(key.SubjectPublicKeyInfo, out _);
            return ec.VerifyData(Input, signature, HashAlgorithmName.SHA256);
        }

        using var rsa = RSA.Create();
        rsa.ImportSubjectPublicKeyInfo(key.SubjectPublicKeyInfo, out _);
        return rsa.VerifyData(Input, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
    }
}
