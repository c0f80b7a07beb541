using System.Security.Cryptography;
using Registry.Protocol.Security;

namespace Registry.Grains.Tests;

[Collection(ClusterCollectionDefinition.Name)]
public sealed class TenantGrainTests(ClusterFixture fixture)
{
    [Fact]
    public async Task A_configured_tenant_gets_one_persisted_rs256_key_on_first_use()
    {
        var snapshot = await fixture.Grains.GetGrain<ITenantGrain>("acme").GetSnapshot();

        Assert.NotNull(snapshot);
        var key = Assert.Single(snapshot.SigningKeys);
        Assert.Equal("RS256", key.Algorithm);
        using var rsa = RSA.Create();
        rsa.ImportSubjectPublicKeyInfo(key.SubjectPublicKeyInfo, out _);
        Assert.Equal(2048, rsa.KeySize);
        Assert.Equal(PublicJwk.FromRsa(rsa.ExportParameters(false), "RS256").Kid, key.KeyId);
        var stored = fixture.Storage.Json("tenant", GrainId.Create("tenant", "acme"))!;
        Assert.Contains(key.KeyId, stored, StringComparison.Ordinal);
        Assert.Contains("ProtectedPrivateKey", stored, StringComparison.Ordinal);
        Assert.DoesNotContain("Pkcs8PrivateKey", stored, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_new_tenant_gets_a_persisted_identifier_key_and_accepts_only_identifiers_with_a_mac()
    {
        var before = (await fixture.Grains.GetGrain<ITenantGrain>("fresh").GetSnapshot())!;
        await fixture.DeactivateAllAsync();
        var after = (await fixture.Grains.GetGrain<ITenantGrain>("fresh").GetSnapshot())!;

        Assert.Equal(32, before.IdentifierKey.Length);
        Assert.False(before.AcceptsLegacyIdentifiers);
        Assert.Equal(before.IdentifierKey, after.IdentifierKey);
        Assert.False(after.AcceptsLegacyIdentifiers);
        using var stored = System.Text.Json.JsonDocument.Parse(fixture.Storage.Json("tenant", GrainId.Create("tenant", "fresh"))!);
        Assert.Equal(5, stored.RootElement.GetProperty("SchemaVersion").GetInt32());
        Assert.Equal(before.IdentifierKey, stored.RootElement.GetProperty("IdentifierKey").GetBytesFromBase64());
        Assert.NotEqual(before.IdentifierKey, (await fixture.Grains.GetGrain<ITenantGrain>("acme").GetSnapshot())!.IdentifierKey);
    }

    [Fact]
    public async Task An_es256_tenant_gets_a_p256_key()
    {
        var key = Assert.Single((await fixture.Grains.GetGrain<ITenantGrain>("fast").GetSnapshot())!.SigningKeys);

        Assert.Equal("ES256", key.Algorithm);
        using var ec = ECDsa.Create();
        ec.ImportSubjectPublicKeyInfo(key.SubjectPublicKeyInfo, out _);
        Assert.Equal(256, ec.KeySize);
        Assert.Equal(PublicJwk.FromEc(ec.ExportParameters(false), "ES256").Kid, key.KeyId);
    }

    [Fact]
    public async Task Switching_algorithm_adds_a_current_key_and_keeps_the_old_one_published()
    {
        using var rsa = RSA.Create(2048);
        var old = PublicJwk.FromRsa(rsa.ExportParameters(false), "RS256").Kid;
        fixture.Storage.Put("tenant", GrainId.Create("tenant", "switched"), $$"""
            {"SigningKeys":[{"KeyId":"{{old}}","Algorithm":"RS256","Pkcs8PrivateKey":"{{Convert.ToBase64String(rsa.ExportPkcs8PrivateKey())}}","CreatedAt":"2026-01-01T00:00:00+00:00"}],"ClientCount":7}
            """);

        var keys = (await fixture.Grains.GetGrain<ITenantGrain>("switched").GetSnapshot())!.SigningKeys;

        Assert.Equal(["ES256", "RS256"], keys.Select(k => k.Algorithm));
        Assert.Equal(old, keys[1].KeyId);
        Assert.Equal(7, await fixture.Grains.GetGrain<ITenantGrain>("switched").AddClientCount(0));
    }

    [Fact]
    public async Task Keys_survive_deactivation()
    {
        var before = (await fixture.Grains.GetGrain<ITenantGrain>("default").GetSnapshot())!;

        await fixture.DeactivateAllAsync();

        var after = (await fixture.Grains.GetGrain<ITenantGrain>("default").GetSnapshot())!;
        Assert.Equal(before.SigningKeys[0].KeyId, after.SigningKeys[0].KeyId);
        Assert.Equal(before.SigningKeys[0].SubjectPublicKeyInfo, after.SigningKeys[0].SubjectPublicKeyInfo);
        Assert.Equal(before.SigningKeys[0].ActivatesAt, after.SigningKeys[0].ActivatesAt);
    }

    [Fact]
    public async Task Tenants_have_their_own_keys_and_policy()
    {
        var acme = (await fixture.Grains.GetGrain<ITenantGrain>("acme").GetSnapshot())!;
        var main = (await fixture.Grains.GetGrain<ITenantGrain>("default").GetSnapshot())!;

        Assert.NotEqual(acme.SigningKeys[0].KeyId, main.SigningKeys[0].KeyId);
        Assert.Equal(["orders.read"], acme.Policy.AllowedScopes);
        Assert.Equal("acme-admin", acme.AdminClientId);
        Assert.Equal("registerClient", main.AdminClientId);
        Assert.Contains("openid", main.Policy.AllowedScopes);
    }

    [Fact]
    public async Task An_unconfigured_tenant_has_no_snapshot_and_stores_nothing()
    {
        var grain = fixture.Grains.GetGrain<ITenantGrain>("nobody");

        Assert.Null(await grain.GetSnapshot());
        Assert.Equal(AdmissionStatus.Refused, (await grain.AuthenticateAdmin("registerClient", "password")).Status);
        Assert.Null(fixture.Storage.Json("tenant", GrainId.Create("tenant", "nobody")));
    }

    [Theory]
    [InlineData("acme-admin", ClusterFixture.AcmeSecret, true)]
    [InlineData("acme-admin", "password", false)]
    [InlineData("registerClient", ClusterFixture.AcmeSecret, false)]
    [InlineData("acme-admin", "", false)]
    public async Task Admin_credentials_are_checked_per_tenant(string clientId, string secret, bool expected)
    {
        var admission = await fixture.Grains.GetGrain<ITenantGrain>("acme").AuthenticateAdmin(clientId, secret);

        Assert.Equal(expected ? AdmissionStatus.Granted : AdmissionStatus.Refused, admission.Status);
    }

    [Fact]
    public async Task The_default_tenant_accepts_the_default_bootstrap_credentials_by_default()
    {
        Assert.True((await fixture.Grains.GetGrain<ITenantGrain>("default").AuthenticateAdmin("registerClient", "password")).IsGranted);
    }
}
