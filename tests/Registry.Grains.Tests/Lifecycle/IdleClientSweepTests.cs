using System.Text.Json;
using Registry.Grains.Lifecycle;
using Registry.Grains.Tests.Tenants;
using Registry.Protocol.Metadata;
using Registry.Protocol.Security;

namespace Registry.Grains.Tests.Lifecycle;

/// <summary>
/// The idle-client sweep: unused clients are disabled, then deleted; used, operator-disabled and re-enabled ones
/// are not; a pass activates only the clients the index names; the tenant keeps the sweep's reminder in step with
/// its policy. Days pass on the silo's fake clock.
/// </summary>
[Collection(IdleClusterCollectionDefinition.Name)]
public sealed class IdleClientSweepTests(IdleClusterFixture fixture)
{
    public const string ConfiguredIdleTenant = "idle-configured";

    private const int Day = 86_400;

    private static readonly ClientMetadata Metadata = new() { GrantTypes = [GrantTypes.ClientCredentials], Scope = "orders.read", ClientName = "Idle test" };

    [Fact]
    public async Task An_unused_client_is_disabled_then_deleted_while_a_used_one_is_left_alone()
    {
        var tenant = await NewTenantAsync(disableAfter: Day, deleteAfter: 7 * Day);
        var idle = await RegisterAsync(tenant);
        var used = await RegisterAsync(tenant);
        Assert.Equal(IdleClusterFixture.Time.GetUtcNow(), (await idle.Grain.Describe())!.CreatedAt);
        Assert.Equal([IdleClusterFixture.Time.GetUtcNow()], (await Entries(tenant)).Select(e => e.LastActiveAt).Distinct());
        Assert.Single(await fixture.Grains.GetGrain<IClientIndexGrain>(ClientIndexKey.Of(tenant, 0)).IdleCandidates(IdleClusterFixture.Time.GetUtcNow(), null), e => e.ClientId == idle.ClientId);
        Advance(TimeSpan.FromHours(12));
        Assert.True((await used.Grain.Authenticate(used.Secret)).Authenticated);
        Advance(TimeSpan.FromHours(13));

        var first = await Sweep(tenant).SweepNow();

        Assert.Equal((true, 1, 0), (first.Scheduled, first.Disabled, first.Deleted));
        var disabled = (await idle.Grain.Describe())!;
        Assert.Equal(IdleClusterFixture.Time.GetUtcNow(), disabled.DisabledAt);
        Assert.False((await idle.Grain.Authenticate(idle.Secret)).Authenticated);
        Assert.Null((await used.Grain.Describe())!.DisabledAt);
        Assert.True((await used.Grain.Authenticate(used.Secret)).Authenticated);
        using (var stored = JsonDocument.Parse(fixture.Storage.Json("client", GrainId.Create("client", idle.Key))!))
        {
            Assert.Equal("idle", stored.RootElement.GetProperty("DisabledReason").GetString());
        }

        var entry = (await Entries(tenant)).Single(e => e.ClientId == idle.ClientId);
        Assert.Equal((true, disabled.DisabledAt), (entry.Disabled, entry.IdleDisabledAt));

        // A minute short of the delete period: the used client (idle for days by now) is disabled, nothing deleted.
        Advance(TimeSpan.FromDays(7) - TimeSpan.FromMinutes(1));
        var early = await Sweep(tenant).SweepNow();
        Assert.Equal((1, 0), (early.Disabled, early.Deleted));
        Assert.NotNull(await idle.Grain.Describe());
        Assert.NotNull((await used.Grain.Describe())!.DisabledAt);

        Advance(TimeSpan.FromMinutes(1));
        var second = await Sweep(tenant).SweepNow();

        Assert.Equal((0, 1), (second.Disabled, second.Deleted));
        Assert.Null(await idle.Grain.Describe());
        Assert.DoesNotContain(await Entries(tenant), e => e.ClientId == idle.ClientId);
        Assert.NotNull(await used.Grain.Describe());
        Assert.Equal(1, (await fixture.Grains.GetGrain<ITenantGrain>(tenant).AddClientCount(0)));
    }

    [Fact]
    public async Task An_operator_disabled_client_is_never_deleted_and_an_enabled_one_is_not_disabled_again_at_once()
    {
        var tenant = await NewTenantAsync(disableAfter: Day, deleteAfter: Day);
        var byOperator = await RegisterAsync(tenant);
        var takenOver = await RegisterAsync(tenant);
        var enabled = await RegisterAsync(tenant);
        Assert.Equal(ClientAdminStatus.Ok, await byOperator.Grain.SetDisabled(true));
        Advance(TimeSpan.FromDays(2));

        var first = await Sweep(tenant).SweepNow();

        Assert.Equal(2, first.Disabled);
        Assert.Equal(ClientAdminStatus.Ok, await takenOver.Grain.SetDisabled(true));
        Assert.Equal(ClientAdminStatus.Ok, await enabled.Grain.SetDisabled(false));
        Assert.Equal(0, (await Sweep(tenant).SweepNow()).Disabled);
        Assert.Null((await enabled.Grain.Describe())!.DisabledAt);
        Assert.True((await enabled.Grain.Authenticate(enabled.Secret)).Authenticated);

        Advance(TimeSpan.FromDays(30));
        var later = await Sweep(tenant).SweepNow();

        Assert.NotNull((await byOperator.Grain.Describe())!.DisabledAt);
        Assert.NotNull((await takenOver.Grain.Describe())!.DisabledAt);
        Assert.Equal((1, 0), (later.Disabled, later.Deleted));
        Assert.NotNull((await enabled.Grain.Describe())!.DisabledAt);
        Assert.DoesNotContain(await Entries(tenant), e => e.IdleDisabledAt is not null && e.ClientId != enabled.ClientId);
    }

    [Fact]
    public async Task Without_idle_disabling_an_unused_client_is_deleted_after_the_delete_period()
    {
        var tenant = await NewTenantAsync(disableAfter: 0, deleteAfter: 3 * Day);
        var client = await RegisterAsync(tenant);
        Advance(TimeSpan.FromDays(2));

        Assert.Equal(0, (await Sweep(tenant).SweepNow()).Candidates);
        Assert.NotNull(await client.Grain.Describe());

        Advance(TimeSpan.FromDays(1));
        var pass = await Sweep(tenant).SweepNow();

        Assert.Equal((0, 1), (pass.Disabled, pass.Deleted));
        Assert.Null(await client.Grain.Describe());
        Assert.Empty(await Entries(tenant));
    }

    [Fact]
    public async Task A_pass_activates_only_the_clients_the_index_names()
    {
        var tenant = await NewTenantAsync(disableAfter: Day, deleteAfter: 0);
        var idle = await RegisterAsync(tenant);
        var busy = await RegisterAsync(tenant);
        Advance(TimeSpan.FromDays(2));

        // Used after its registration's hour: its index entry moves on, so the index no longer names it.
        Assert.True((await busy.Grain.Authenticate(busy.Secret)).Authenticated);
        var fresh = await RegisterAsync(tenant);
        Advance(TimeSpan.FromHours(12));
        var (busyCalls, freshCalls, idleCalls) = (CallsOf(busy.Key), CallsOf(fresh.Key), CallsOf(idle.Key));

        var pass = await Sweep(tenant).SweepNow();

        Assert.Equal((1, 1, 1), (pass.PagesScanned, pass.Candidates, pass.Disabled));
        Assert.Equal(idleCalls + 1, CallsOf(idle.Key));
        Assert.Equal(busyCalls, CallsOf(busy.Key));
        Assert.Equal(freshCalls, CallsOf(fresh.Key));
        Assert.Null((await busy.Grain.Describe())!.DisabledAt);
    }

    [Fact]
    public async Task A_candidate_the_index_lags_behind_is_kept_and_its_entry_brought_up_to_date()
    {
        var tenant = await NewTenantAsync(disableAfter: Day, deleteAfter: 0);
        var client = await RegisterAsync(tenant);
        Advance(TimeSpan.FromMinutes(30));
        Assert.True((await client.Grain.Authenticate(client.Secret)).Authenticated);
        Advance(TimeSpan.FromDays(1) - TimeSpan.FromMinutes(10));

        // The index still says "registered" (the use was within the hour), so the pass asks; the client says "used".
        var pass = await Sweep(tenant).SweepNow();

        Assert.Equal((1, 0), (pass.Candidates, pass.Disabled));
        Assert.Null((await client.Grain.Describe())!.DisabledAt);
        Assert.Equal(0, (await Sweep(tenant).SweepNow()).Candidates);
    }

    [Fact]
    public async Task The_tenant_schedules_the_sweep_while_its_policy_reaps_clients_and_drops_it_otherwise()
    {
        var name = RuntimeTenantTests.NewName();
        var tenant = fixture.Grains.GetGrain<ITenantGrain>(name);
        var sweep = GrainId.Create(RegistryGrainTypes.IdleClientSweep, name);

        Assert.Equal(TenantChangeStatus.Ok, await tenant.Create(Definition(disableAfter: 0, deleteAfter: 0)));
        Assert.Empty((await fixture.Reminders.ReadRows(sweep)).Reminders);

        Assert.Equal(TenantChangeStatus.Ok, await tenant.Update(Definition(disableAfter: Day, deleteAfter: 0)));
        var reminder = Assert.Single((await fixture.Reminders.ReadRows(sweep)).Reminders);
        Assert.Equal((IdleClientSweepGrain.ReminderName, IdleClusterFixture.Interval), (reminder.ReminderName, reminder.Period));

        Assert.Equal(TenantChangeStatus.Ok, await tenant.Update(Definition(disableAfter: 0, deleteAfter: 0)));
        Assert.Empty((await fixture.Reminders.ReadRows(sweep)).Reminders);
        Assert.Equal(IdleSweepResult.Off, await fixture.Grains.GetGrain<IIdleClientSweepGrain>(name).SweepNow());

        Assert.Equal(TenantChangeStatus.Ok, await tenant.Update(Definition(disableAfter: 0, deleteAfter: Day)));
        Assert.Single((await fixture.Reminders.ReadRows(sweep)).Reminders);
        Assert.Equal(TenantChangeStatus.Ok, await tenant.Delete());
        Assert.Empty((await fixture.Reminders.ReadRows(sweep)).Reminders);

        // A configured tenant asks for it when it activates.
        Assert.NotNull(await fixture.Grains.GetGrain<ITenantGrain>(ConfiguredIdleTenant).GetSnapshot());
        Assert.Single((await fixture.Reminders.ReadRows(GrainId.Create(RegistryGrainTypes.IdleClientSweep, ConfiguredIdleTenant))).Reminders);
    }

    private static void Advance(TimeSpan by) => IdleClusterFixture.Time.Advance(by);

    private static int CallsOf(string clientKey) => IdleClusterFixture.Calls.Of(GrainId.Create(RegistryGrainTypes.Client, clientKey));

    private static TenantDefinition Definition(int disableAfter, int deleteAfter)
    {
        var definition = RuntimeTenantTests.Definition();
        return definition with { Policy = definition.Policy with { IdleDisableAfterSeconds = disableAfter, IdleDeleteAfterSeconds = deleteAfter } };
    }

    private async Task<string> NewTenantAsync(int disableAfter, int deleteAfter)
    {
        var name = RuntimeTenantTests.NewName();
        Assert.Equal(TenantChangeStatus.Ok, await fixture.Grains.GetGrain<ITenantGrain>(name).Create(Definition(disableAfter, deleteAfter)));
        return name;
    }

    private async Task<(IClientGrain Grain, string Key, string ClientId, string Secret)> RegisterAsync(string tenant)
    {
        var slot = await fixture.Grains.GetGrain<ITenantGrain>(tenant).ReserveClientSlot();
        Assert.True(slot.Admission.IsGranted);
        var clientId = "idle" + Guid.NewGuid().ToString("N");
        var key = ClientKey.Of(tenant, clientId);
        var grain = fixture.Grains.GetGrain<IClientGrain>(key);
        var secret = Secrets.NewSecret();
        Assert.Equal(ClientOperationStatus.Ok, (await grain.Register(new(Metadata), secret, Secrets.NewSecret(), slot.Sequence)).Status);
        return (grain, key, clientId, secret);
    }

    private IIdleClientSweepGrain Sweep(string tenant) => fixture.Grains.GetGrain<IIdleClientSweepGrain>(tenant);

    private async Task<ClientIndexEntry[]> Entries(string tenant)
    {
        var range = await fixture.Grains.GetGrain<ITenantGrain>(tenant).ClientSequenceRange();
        return [.. (await ClientListing.ListAsync(fixture.Grains, tenant, range.First, range.Next, null, 1000, null, null)).Entries];
    }
}
