using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using Registry.Grains.Tenants;
using Registry.Protocol.Metadata;
using Registry.Protocol.Security;
using Registry.Protocol.Throttling;

namespace Registry.Grains.Tests.Tenants;

[Collection(ClusterCollectionDefinition.Name)]
public sealed class RuntimeTenantTests(ClusterFixture fixture)
{
    private const string AdminSecret = "runtime-admin-secret";

    internal static TenantDefinition Definition(string adminSecret = AdminSecret, string algorithm = "ES256", long maxClients = 100, string[]? scopes = null) => new(
        "runtime-admin",
        Secrets.Hash(adminSecret),
        600,
        new RegistrationPolicy { AllowedScopes = scopes ?? ["orders.read", "orders.write"], DefaultScope = "orders.read", DefaultGrantTypes = ["client_credentials"], AllowLocalUrls = true },
        algorithm,
        new ThrottlePolicy { MaxClients = maxClients, TokenBurst = 7 });

    internal static string NewName() => "rt-" + Guid.NewGuid().ToString("N")[..12];

    [Fact]
    public async Task A_created_tenant_serves_its_definition_with_its_own_persisted_keys()
    {
        var name = NewName();
        var grain = fixture.Grains.GetGrain<ITenantGrain>(name);
        Assert.Null(await grain.GetSnapshot());
        Assert.Null(await grain.Describe());

        Assert.Equal(TenantChangeStatus.Ok, await grain.Create(Definition()));

        var snapshot = (await grain.GetSnapshot())!;
        Assert.Equal((name, "runtime-admin", 600), (snapshot.Name, snapshot.AdminClientId, snapshot.AdminTokenLifetimeSeconds));
        Assert.Equal(["orders.read", "orders.write"], snapshot.Policy.AllowedScopes);
        Assert.Equal("orders.read", snapshot.Policy.DefaultScope);
        Assert.Equal(["client_credentials"], snapshot.Policy.DefaultGrantTypes);
        Assert.False(snapshot.Policy.AllowLocalUrls); // the silo's environment decides, and this one is not Development
        Assert.Equal((100, 7), (snapshot.Throttles.MaxClients, snapshot.Throttles.TokenBurst));
        Assert.Equal("ES256", Assert.Single(snapshot.SigningKeys).Algorithm);
        Assert.Equal(32, snapshot.IdentifierKey.Length);
        Assert.False(snapshot.AcceptsLegacyIdentifiers);
        Assert.True((await grain.AuthenticateAdmin("runtime-admin", AdminSecret)).IsGranted);
        Assert.Equal(AdmissionStatus.Refused, (await grain.AuthenticateAdmin("runtime-admin", "password")).Status);

        var description = (await grain.Describe())!;
        Assert.False(description.Configured);
        Assert.Equal(("runtime-admin", "ES256", 100L), (description.AdminClientId, description.SigningAlgorithm, description.Throttles.MaxClients));
        Assert.NotNull(description.CreatedAt);
        Assert.Equal(description.CreatedAt, description.UpdatedAt);

        await fixture.DeactivateAllAsync();
        var again = (await grain.GetSnapshot())!;
        Assert.Equal(snapshot.SigningKeys[0].KeyId, again.SigningKeys[0].KeyId);
        Assert.Equal(snapshot.IdentifierKey, again.IdentifierKey);
        Assert.Equal(["orders.read", "orders.write"], again.Policy.AllowedScopes);
        Assert.Equal((description.CreatedAt, description.UpdatedAt, description.Throttles), ((await grain.Describe())!.CreatedAt, (await grain.Describe())!.UpdatedAt, (await grain.Describe())!.Throttles));
        var stored = fixture.Storage.Json("tenant", GrainId.Create("tenant", name))!;
        Assert.DoesNotContain(AdminSecret, stored, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_identical_create_repeated_succeeds_and_another_create_of_the_name_finds_it_exists()
    {
        var grain = fixture.Grains.GetGrain<ITenantGrain>(NewName());
        var definition = Definition();

        Assert.Equal(TenantChangeStatus.Ok, await grain.Create(definition));
        var keys = (await grain.GetSnapshot())!.SigningKeys;
        Assert.Equal(TenantChangeStatus.Ok, await grain.Create(definition with { AdminSecretHash = [.. definition.AdminSecretHash] }));
        Assert.Equal(TenantChangeStatus.Exists, await grain.Create(Definition(adminSecret: "another-secret")));
        Assert.Equal(TenantChangeStatus.Exists, await grain.Create(Definition(scopes: ["other"])));
        Assert.Equal(keys[0].KeyId, (await grain.GetSnapshot())!.SigningKeys[0].KeyId);
    }

    [Fact]
    public async Task A_configured_tenant_is_described_but_not_changed_at_runtime()
    {
        var grain = fixture.Grains.GetGrain<ITenantGrain>("acme");

        Assert.Equal(TenantChangeStatus.Configured, await grain.Create(Definition()));
        Assert.Equal(TenantChangeStatus.Configured, await grain.Update(Definition()));
        Assert.Equal(TenantChangeStatus.Configured, await grain.Delete());

        var description = (await grain.Describe())!;
        Assert.True(description.Configured);
        Assert.Equal(("acme", "acme-admin", "RS256"), (description.Name, description.AdminClientId, description.SigningAlgorithm));
        Assert.Equal(["orders.read"], description.Policy.AllowedScopes);
        Assert.Null(description.CreatedAt);
        Assert.True((await grain.AuthenticateAdmin("acme-admin", ClusterFixture.AcmeSecret)).IsGranted);
    }

    [Fact]
    public async Task Updating_or_deleting_a_tenant_that_does_not_exist_finds_nothing()
    {
        var grain = fixture.Grains.GetGrain<ITenantGrain>(NewName());

        Assert.Equal(TenantChangeStatus.NotFound, await grain.Update(Definition()));
        Assert.Equal(TenantChangeStatus.NotFound, await grain.Delete());
        Assert.Null(await grain.Describe());
    }

    [Fact]
    public async Task An_update_replaces_the_definition_and_keeps_keys_identifier_key_and_client_count()
    {
        var grain = fixture.Grains.GetGrain<ITenantGrain>(NewName());
        Assert.Equal(TenantChangeStatus.Ok, await grain.Create(Definition()));
        var before = (await grain.GetSnapshot())!;
        var created = (await grain.Describe())!.CreatedAt;
        Assert.True((await grain.ReserveClientSlot()).Admission.IsGranted);
        Assert.True((await grain.ReserveClientSlot()).Admission.IsGranted);

        Assert.Equal(TenantChangeStatus.Ok, await grain.Update(Definition(adminSecret: "rotated-secret", algorithm: "RS256", scopes: ["billing"])));

        var after = (await grain.GetSnapshot())!;
        Assert.Equal(["billing"], after.Policy.AllowedScopes);
        Assert.Equal(["RS256", "ES256"], after.SigningKeys.Select(k => k.Algorithm));
        Assert.Equal(before.SigningKeys[0].KeyId, after.SigningKeys[1].KeyId);
        Assert.Equal(before.IdentifierKey, after.IdentifierKey);
        Assert.Equal(2, await grain.AddClientCount(0));
        Assert.Equal(AdmissionStatus.Refused, (await grain.AuthenticateAdmin("runtime-admin", AdminSecret)).Status);
        Assert.True((await grain.AuthenticateAdmin("runtime-admin", "rotated-secret")).IsGranted);
        var description = (await grain.Describe())!;
        Assert.Equal(created, description.CreatedAt);
        Assert.True(description.UpdatedAt >= created);

        await fixture.DeactivateAllAsync();
        Assert.Equal(["billing"], (await grain.GetSnapshot())!.Policy.AllowedScopes);
        Assert.Equal(2, await grain.AddClientCount(0));
    }

    [Fact]
    public async Task A_tenant_deleted_and_created_again_shares_no_keys_clients_or_tokens_with_the_one_before()
    {
        var name = NewName();
        var grain = fixture.Grains.GetGrain<ITenantGrain>(name);
        Assert.Equal(TenantChangeStatus.Ok, await grain.Create(Definition()));
        var old = (await grain.GetSnapshot())!;
        var sequences = new List<long>();
        for (var i = 0; i < 3; i++)
        {
            sequences.Add((await grain.ReserveClientSlot()).Sequence);
        }

        var tokens = fixture.Grains.GetGrain<IInitialAccessTokensGrain>(name);
        Assert.Equal(InitialAccessTokenCreateStatus.Ok, await tokens.Create("iat-1", "old-token", DateTimeOffset.UtcNow.AddHours(1), 5, null));

        Assert.Equal(TenantChangeStatus.Ok, await grain.Delete());

        Assert.Null(await grain.GetSnapshot());
        Assert.Null(await grain.Describe());
        Assert.Equal(AdmissionStatus.Refused, (await grain.AuthenticateAdmin("runtime-admin", AdminSecret)).Status);
        Assert.Equal(AdmissionStatus.Unknown, (await grain.ReserveClientSlot()).Admission.Status);
        Assert.Equal(TenantChangeStatus.NotFound, await grain.Delete());
        Assert.Equal(InitialAccessTokenStatus.Unknown, (await tokens.Check("iat-1", "old-token")).Status);
        using (var stored = JsonDocument.Parse(fixture.Storage.Json("tenant", GrainId.Create("tenant", name))!))
        {
            Assert.False(stored.RootElement.TryGetProperty("Definition", out _));
            Assert.Empty(stored.RootElement.GetProperty("SigningKeys").EnumerateArray());
            Assert.True(stored.RootElement.TryGetProperty("DeletedAt", out _));
        }

        await fixture.DeactivateAllAsync();
        Assert.Null(await grain.GetSnapshot());
        Assert.Equal(TenantChangeStatus.Ok, await grain.Create(Definition()));

        var recreated = (await grain.GetSnapshot())!;
        Assert.NotEqual(old.IdentifierKey, recreated.IdentifierKey);
        Assert.NotEqual(old.SigningKeys[0].KeyId, Assert.Single(recreated.SigningKeys).KeyId);
        Assert.False(recreated.AcceptsLegacyIdentifiers);
        var range = await grain.ClientSequenceRange();
        Assert.True(range.First > sequences.Max(), $"first {range.First} after {sequences.Max()}");
        Assert.Equal(range.First, range.Next);
        Assert.Equal(0, await grain.AddClientCount(0));
        var slot = await grain.ReserveClientSlot();
        Assert.Equal(range.First, slot.Sequence);
        Assert.Equal(new ClientSequenceRange(range.First, range.First + 1), await grain.ClientSequenceRange());
    }

    [Fact]
    public async Task Sequence_numbers_increase_and_are_never_handed_out_again_after_reactivation_or_a_lost_write()
    {
        var name = NewName();
        var id = GrainId.Create("tenant", name);
        var grain = fixture.Grains.GetGrain<ITenantGrain>(name);
        Assert.Equal(TenantChangeStatus.Ok, await grain.Create(Definition()));
        Assert.Equal(new ClientSequenceRange(0, 0), await grain.ClientSequenceRange());

        var handedOut = new List<long> { (await grain.ReserveClientSlot()).Sequence };
        var afterFirst = fixture.Storage.Json("tenant", id)!;
        handedOut.Add((await grain.ReserveClientSlot()).Sequence);
        handedOut.Add((await grain.ReserveClientSlot()).Sequence);
        Assert.Equal([0L, 1, 2], handedOut);
        Assert.Equal(new ClientSequenceRange(0, 3), await grain.ClientSequenceRange());

        // The silo goes; whatever was written after the first number is lost with it.
        await fixture.DeactivateAllAsync();
        fixture.Storage.Put("tenant", id, afterFirst);

        var next = await grain.ReserveClientSlot();
        Assert.True(next.Admission.IsGranted);
        Assert.Equal(TenantGrain.SequenceBlock, next.Sequence);
        Assert.DoesNotContain(next.Sequence, handedOut);
        Assert.Equal(new ClientSequenceRange(0, TenantGrain.SequenceBlock + 1), await grain.ClientSequenceRange());
    }

    [Fact]
    public async Task A_sequence_block_that_cannot_be_stored_hands_out_nothing()
    {
        var name = NewName();
        var grain = fixture.Grains.GetGrain<ITenantGrain>(name);
        Assert.Equal(TenantChangeStatus.Ok, await grain.Create(Definition()));

        using (fixture.Storage.FailWritesOf(GrainId.Create("tenant", name)))
        {
            await Assert.ThrowsAnyAsync<Exception>(() => grain.ReserveClientSlot());
        }

        Assert.Equal(0, await grain.AddClientCount(0));
        var slot = await grain.ReserveClientSlot();
        Assert.Equal((true, 0L), (slot.Admission.IsGranted, slot.Sequence));
    }

    [Fact]
    public async Task The_previous_reserve_still_takes_a_slot_of_the_quota()
    {
        var grain = fixture.Grains.GetGrain<ITenantGrain>(NewName());
        Assert.Equal(TenantChangeStatus.Ok, await grain.Create(Definition(maxClients: 2)));

        Assert.True((await grain.ReserveClient()).IsGranted);
        Assert.True((await grain.ReserveClientSlot()).Admission.IsGranted);
        Assert.Equal(AdmissionStatus.QuotaReached, (await grain.ReserveClient()).Status);
        var refused = await grain.ReserveClientSlot();
        Assert.Equal((AdmissionStatus.QuotaReached, -1L), (refused.Admission.Status, refused.Sequence));
    }

    [Fact]
    public async Task Client_grains_find_a_runtime_tenants_limits_and_a_configured_tenants_from_configuration()
    {
        var name = NewName();
        Assert.Equal(TenantChangeStatus.Ok, await fixture.Grains.GetGrain<ITenantGrain>(name).Create(Definition(maxClients: 12)));
        var throttles = ((InProcessSiloHandle)fixture.Cluster.Primary!).SiloHost.Services.GetRequiredService<TenantThrottles>();

        Assert.Equal(12, (await throttles.ForAsync(name)).MaxClients);
        Assert.Equal(12, (await throttles.ForAsync(name)).MaxClients);
        Assert.Equal(ClusterFixture.QuotaMaxClients, (await throttles.ForAsync(ClusterFixture.QuotaTenant)).MaxClients);
        Assert.Equal(new ThrottlePolicy(), await throttles.ForAsync(NewName()));
    }

    [Fact]
    public void A_development_silo_lets_runtime_tenants_clients_register_local_urls()
    {
        var stored = StoredTenantDefinition.From(Definition());

        Assert.True(new TenantDirectory([], development: true).Development);
        Assert.True(stored.ToSettings("t", development: true).Policy.AllowLocalUrls);
        Assert.False(stored.ToSettings("t", development: false).Policy.AllowLocalUrls);
        Assert.False(stored.ToSettings("t", development: true).UsesDefaultAdminSecret);
    }
}
