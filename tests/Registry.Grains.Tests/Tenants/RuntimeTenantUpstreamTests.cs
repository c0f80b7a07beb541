using System.Text;
using System.Text.Json;

namespace Registry.Grains.Tests.Tenants;

/// <summary>A runtime tenant's upstream OpenID Provider: its client secret stored encrypted, served to gateways only.</summary>
[Collection(ClusterCollectionDefinition.Name)]
public sealed class RuntimeTenantUpstreamTests(ClusterFixture fixture)
{
    private const string Secret = "upstream-client-secret-7f3a9c";

    private static readonly UpstreamDefinition Upstream = new("https://login.example", "registry-at-login", Secret, ["openid", "profile"]);

    [Fact]
    public async Task The_secret_is_stored_encrypted_served_to_gateways_and_never_described_to_operators()
    {
        var name = RuntimeTenantTests.NewName();
        var grain = fixture.Grains.GetGrain<ITenantGrain>(name);

        Assert.Equal(TenantChangeStatus.Ok, await grain.Create(RuntimeTenantTests.Definition() with { Upstream = Upstream }));

        Assert.Equal(Fields(Upstream), Fields((await grain.GetSnapshot())!.Upstream));
        Assert.Equal(Fields(Upstream with { ClientSecret = "" }), Fields((await grain.Describe())!.Upstream));
        var raw = fixture.Storage.Json("tenant", GrainId.Create("tenant", name))!;
        Assert.DoesNotContain(Secret, raw, StringComparison.Ordinal);
        Assert.DoesNotContain(Convert.ToBase64String(Encoding.UTF8.GetBytes(Secret)), raw, StringComparison.Ordinal);
        using var stored = JsonDocument.Parse(raw);
        var upstream = stored.RootElement.GetProperty("Definition").GetProperty("Upstream");
        Assert.Equal(("https://login.example", "registry-at-login"), (upstream.GetProperty("Issuer").GetString(), upstream.GetProperty("ClientId").GetString()));
        Assert.True(upstream.GetProperty("ProtectedClientSecret").GetBytesFromBase64().Length > Secret.Length);

        await fixture.DeactivateAllAsync();
        Assert.Equal(Secret, (await grain.GetSnapshot())!.Upstream!.ClientSecret);
    }

    [Fact]
    public async Task An_update_without_a_secret_keeps_the_stored_one_and_one_without_an_upstream_removes_it()
    {
        var grain = fixture.Grains.GetGrain<ITenantGrain>(RuntimeTenantTests.NewName());
        await grain.Create(RuntimeTenantTests.Definition() with { Upstream = Upstream });

        Assert.Equal(TenantChangeStatus.Ok, await grain.Update(RuntimeTenantTests.Definition() with { Upstream = Upstream with { ClientSecret = "", Scopes = ["openid"] } }));
        Assert.Equal(("https://login.example", "registry-at-login", Secret, "openid"), Fields((await grain.GetSnapshot())!.Upstream));

        Assert.Equal(TenantChangeStatus.Ok, await grain.Update(RuntimeTenantTests.Definition() with { Upstream = Upstream with { ClientSecret = "rotated-secret" } }));
        Assert.Equal("rotated-secret", (await grain.GetSnapshot())!.Upstream!.ClientSecret);

        Assert.Equal(TenantChangeStatus.Ok, await grain.Update(RuntimeTenantTests.Definition()));
        Assert.Null((await grain.GetSnapshot())!.Upstream);
        Assert.Null((await grain.Describe())!.Upstream);
    }

    [Fact]
    public async Task A_repeated_create_with_the_same_upstream_succeeds_and_one_with_another_secret_finds_the_tenant_exists()
    {
        var grain = fixture.Grains.GetGrain<ITenantGrain>(RuntimeTenantTests.NewName());
        Assert.Equal(TenantChangeStatus.Ok, await grain.Create(RuntimeTenantTests.Definition() with { Upstream = Upstream }));

        Assert.Equal(TenantChangeStatus.Ok, await grain.Create(RuntimeTenantTests.Definition() with { Upstream = Upstream with { Scopes = ["openid", "profile"] } }));
        Assert.Equal(TenantChangeStatus.Exists, await grain.Create(RuntimeTenantTests.Definition() with { Upstream = Upstream with { ClientSecret = "another" } }));
        Assert.Equal(TenantChangeStatus.Exists, await grain.Create(RuntimeTenantTests.Definition()));
    }

    private static (string, string, string, string)? Fields(UpstreamDefinition? u) =>
        u is null ? null : (u.Issuer, u.ClientId, u.ClientSecret, string.Join(' ', u.Scopes));
}
