using System.Text.Json;
using Registry.Protocol.Metadata;
using Registry.Protocol.Security;

namespace Registry.Grains.Tests.Clients;

/// <summary>The client grain's side of client administration: indexed registration, describe, disable, admin delete.</summary>
[Collection(ClusterCollectionDefinition.Name)]
public sealed class ClientAdministrationTests(ClusterFixture fixture)
{
    private static readonly ClientMetadata Metadata = new()
    {
        GrantTypes = [GrantTypes.ClientCredentials],
        Scope = "openid",
        ClientName = "Billing service",
        SoftwareId = "billing",
    };

    [Fact]
    public async Task Registered_clients_are_listed_newest_first_with_their_name_and_software_id()
    {
        var tenant = NewTenant();
        var registered = new List<ClientInformation>();
        foreach (var sequence in new long[] { 1022, 1023, 1024, 1025 })
        {
            var (grain, _) = NewClient(tenant);
            var result = await grain.Register(new(Metadata with { ClientName = $"Client {sequence}" }), Secrets.NewSecret(), Secrets.NewSecret(), sequence);
            registered.Add(Assert.IsType<ClientInformation>(result.Client));
        }

        var listed = await List(tenant);

        Assert.Equal([1025, 1024, 1023, 1022], listed.Select(e => e.Sequence));
        Assert.Equal(registered.Select(c => c.ClientId).Reverse(), listed.Select(e => e.ClientId));
        Assert.All(listed, e => Assert.Equal(("Client " + e.Sequence, "billing", false), (e.ClientName, e.SoftwareId, e.Disabled)));
        Assert.Equal(registered[^1].CreatedAt, listed[0].CreatedAt);
        using var stored = JsonDocument.Parse(fixture.Storage.Json("client", GrainId.Create("client", ClientKey.Of(tenant, registered[0].ClientId)))!);
        Assert.Equal((1022, 5), (stored.RootElement.GetProperty("IndexSequence").GetInt64(), stored.RootElement.GetProperty("SchemaVersion").GetInt32()));
        Assert.False(stored.RootElement.TryGetProperty("DisabledAt", out _));
    }

    [Fact]
    public async Task A_client_stored_but_not_yet_listed_is_listed_by_the_replay_of_its_registration()
    {
        var tenant = NewTenant();
        var (grain, key) = NewClient(tenant);
        var (secret, token) = (Secrets.NewSecret(), Secrets.NewSecret());

        using (fixture.Storage.FailWritesOf(PageId(tenant, 0)))
        {
            await Assert.ThrowsAnyAsync<Exception>(() => grain.Register(new(Metadata), secret, token, 7));
        }

        Assert.NotNull(await grain.Describe());
        Assert.Empty(await List(tenant));

        var replay = await grain.Register(new(Metadata), secret, token, 7);

        Assert.Equal((ClientOperationStatus.Ok, secret), (replay.Status, replay.Client!.ClientSecret));
        var entry = Assert.Single(await List(tenant));
        Assert.Equal((7, ClientKey.Parse(key).ClientId), (entry.Sequence, entry.ClientId));
        Assert.Equal(ClientOperationStatus.Conflict, (await grain.Register(new(Metadata), Secrets.NewSecret(), token, 7)).Status);
        Assert.Single(await List(tenant));
    }

    [Fact]
    public async Task A_client_that_could_not_be_stored_is_never_listed()
    {
        var tenant = NewTenant();
        var (grain, key) = NewClient(tenant);

        using (fixture.Storage.FailWritesOf(GrainId.Create("client", key)))
        {
            await Assert.ThrowsAnyAsync<Exception>(() => grain.Register(new(Metadata), Secrets.NewSecret(), Secrets.NewSecret(), 3));
        }

        Assert.Null(await grain.Describe());
        Assert.Empty(await List(tenant));
        Assert.Equal(0, fixture.Storage.WritesOf(PageId(tenant, 0)));
    }

    [Fact]
    public async Task A_client_registered_before_the_index_gets_listed_when_an_indexed_retry_replays_it()
    {
        var tenant = NewTenant();
        var (grain, key) = NewClient(tenant);
        var (secret, token) = (Secrets.NewSecret(), Secrets.NewSecret());
        await grain.Register(new(Metadata), secret, token);
        Assert.Empty(await List(tenant));
        Assert.DoesNotContain("IndexSequence", StoredJson(key), StringComparison.Ordinal);

        Assert.Equal(ClientOperationStatus.Ok, (await grain.Register(new(Metadata), secret, token, 12)).Status);

        Assert.Equal(12, Assert.Single(await List(tenant)).Sequence);
        Assert.Contains("\"IndexSequence\":12", StoredJson(key), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_update_that_renames_the_client_renames_its_entry()
    {
        var tenant = NewTenant();
        var (grain, _) = NewClient(tenant);
        var created = (await grain.Register(new(Metadata), Secrets.NewSecret(), Secrets.NewSecret(), 5)).Client!;
        var writes = fixture.Storage.WritesOf(PageId(tenant, 0));

        var rotated = Secrets.NewSecret();
        await grain.Update(created.RegistrationAccessToken, new(Metadata with { Scope = "" }), null, rotated);
        Assert.Equal(writes, fixture.Storage.WritesOf(PageId(tenant, 0)));

        var again = Secrets.NewSecret();
        await grain.Update(rotated, new(Metadata with { ClientName = "Invoicing", SoftwareId = "invoicing" }), null, again);

        var entry = Assert.Single(await List(tenant, softwareId: "invoicing"));
        Assert.Equal(("Invoicing", 5L), (entry.ClientName, entry.Sequence));
        Assert.Single(await List(tenant, namePrefix: "Inv"));
        Assert.Empty(await List(tenant, softwareId: "billing"));
        Assert.Empty(await List(tenant, namePrefix: "Bill"));
    }

    [Fact]
    public async Task A_retried_update_or_disable_brings_an_entry_left_behind_up_to_date()
    {
        var tenant = NewTenant();
        var (grain, _) = NewClient(tenant);
        var created = (await grain.Register(new(Metadata), Secrets.NewSecret(), Secrets.NewSecret(), 6)).Client!;
        var rotated = Secrets.NewSecret();
        var renamed = Metadata with { ClientName = "Invoicing" };

        using (fixture.Storage.FailWritesOf(PageId(tenant, 0)))
        {
            await Assert.ThrowsAnyAsync<Exception>(() => grain.Update(created.RegistrationAccessToken, new(renamed), null, rotated));
        }

        Assert.Equal("Billing service", Assert.Single(await List(tenant)).ClientName);
        Assert.Equal(ClientOperationStatus.Ok, (await grain.Update(created.RegistrationAccessToken, new(renamed), null, rotated)).Status);
        Assert.Equal("Invoicing", Assert.Single(await List(tenant)).ClientName);

        using (fixture.Storage.FailWritesOf(PageId(tenant, 0)))
        {
            await Assert.ThrowsAnyAsync<Exception>(() => grain.SetDisabled(true));
        }

        Assert.False((await grain.Authenticate(created.ClientSecret!)).Authenticated);
        Assert.False(Assert.Single(await List(tenant)).Disabled);
        Assert.Equal(ClientAdminStatus.Ok, await grain.SetDisabled(true));
        Assert.True(Assert.Single(await List(tenant)).Disabled);
    }

    [Fact]
    public async Task Delete_removes_the_entry_and_a_repeated_delete_removes_one_left_behind()
    {
        var tenant = NewTenant();
        var (grain, key) = NewClient(tenant);
        var created = (await grain.Register(new(Metadata), Secrets.NewSecret(), Secrets.NewSecret(), 9)).Client!;
        Assert.Single(await List(tenant));

        using (fixture.Storage.FailWritesOf(PageId(tenant, 0)))
        {
            await Assert.ThrowsAnyAsync<Exception>(() => grain.Delete(created.RegistrationAccessToken));
        }

        Assert.Contains("\"DeletedAt\"", StoredJson(key), StringComparison.Ordinal);
        Assert.Contains("\"IndexSequence\":9", StoredJson(key), StringComparison.Ordinal);
        Assert.Single(await List(tenant));

        Assert.Equal(ClientOperationStatus.Ok, (await grain.Delete(created.RegistrationAccessToken)).Status);

        Assert.Empty(await List(tenant));
        Assert.Null(await grain.Describe());
    }

    [Fact]
    public async Task Admin_delete_tombstones_the_client_releases_its_quota_slot_and_removes_its_entry()
    {
        const string tenant = "counted";
        var (grain, key) = NewClient(tenant);
        var tenantGrain = fixture.Grains.GetGrain<ITenantGrain>(tenant);
        var before = await tenantGrain.AddClientCount(0);
        var sequence = 100_000 + Random.Shared.NextInt64(1_000_000_000);
        Assert.True((await tenantGrain.ReserveClient()).IsGranted);
        var created = (await grain.Register(new(Metadata), Secrets.NewSecret(), Secrets.NewSecret(), sequence)).Client!;
        Assert.Equal(before + 1, await tenantGrain.AddClientCount(0));
        Assert.Contains(await PageOf(tenant, sequence), e => e.Sequence == sequence);

        Assert.Equal(ClientAdminStatus.Ok, await grain.AdminDelete());

        Assert.Equal(before, await tenantGrain.AddClientCount(0));
        Assert.DoesNotContain(await PageOf(tenant, sequence), e => e.Sequence == sequence);
        Assert.Null(await grain.Describe());
        Assert.False((await grain.Authenticate(created.ClientSecret!)).Authenticated);
        Assert.Equal(ClientOperationStatus.Unauthorized, (await grain.Read(created.RegistrationAccessToken)).Status);
        using (var stored = JsonDocument.Parse(StoredJson(key)!))
        {
            Assert.Equal("", stored.RootElement.GetProperty("SecretHash").GetString());
            Assert.Equal(JsonValueKind.String, stored.RootElement.GetProperty("DeletedAt").ValueKind);
            Assert.False(stored.RootElement.GetProperty("Metadata").TryGetProperty("ClientName", out _));
        }

        // Idempotent: counted out once; the client's own delete with its token finds it deleted.
        Assert.Equal(ClientAdminStatus.Ok, await grain.AdminDelete());
        Assert.Equal(ClientOperationStatus.Ok, (await grain.Delete(created.RegistrationAccessToken)).Status);
        Assert.Equal(before, await tenantGrain.AddClientCount(0));
        Assert.Equal(ClientOperationStatus.Conflict, (await grain.Register(new(Metadata), created.ClientSecret!, created.RegistrationAccessToken, sequence)).Status);
        Assert.DoesNotContain(await PageOf(tenant, sequence), e => e.Sequence == sequence);
    }

    [Fact]
    public async Task Operator_calls_on_an_unknown_client_answer_not_found_and_store_nothing()
    {
        var (grain, key) = NewClient(NewTenant());

        Assert.Null(await grain.Describe());
        Assert.Equal(ClientAdminStatus.NotFound, await grain.SetDisabled(true));
        Assert.Equal(ClientAdminStatus.NotFound, await grain.AdminDelete());
        Assert.Null(StoredJson(key));
    }

    [Fact]
    public async Task A_disabled_client_gets_no_token_and_cannot_use_its_registration_until_enabled()
    {
        var tenant = NewTenant();
        var (grain, key) = NewClient(tenant);
        var created = (await grain.Register(new(Metadata), Secrets.NewSecret(), Secrets.NewSecret(), 4)).Client!;
        var token = created.RegistrationAccessToken;

        Assert.Equal(ClientAdminStatus.Ok, await grain.SetDisabled(true));
        var writes = fixture.Storage.WritesOf(GrainId.Create("client", key));
        Assert.Equal(ClientAdminStatus.Ok, await grain.SetDisabled(true));
        Assert.Equal(writes, fixture.Storage.WritesOf(GrainId.Create("client", key)));

        var refused = await grain.Authenticate(created.ClientSecret!);
        Assert.False(refused.Authenticated);
        Assert.Null(refused.Limited);
        Assert.Equal(ClientOperationStatus.Unauthorized, (await grain.Read(token)).Status);
        Assert.Equal(ClientOperationStatus.Unauthorized, (await grain.Update(token, new(Metadata), null, Secrets.NewSecret())).Status);
        Assert.Equal(ClientOperationStatus.Unauthorized, (await grain.Delete(token)).Status);
        Assert.True(Assert.Single(await List(tenant)).Disabled);
        var described = (await grain.Describe())!;
        Assert.True(described.Disabled);
        await fixture.DeactivateAllAsync();
        Assert.False((await grain.Authenticate(created.ClientSecret!)).Authenticated);
        Assert.Equal(described.DisabledAt, (await grain.Describe())!.DisabledAt);
        Assert.Contains("\"DisabledAt\":\"", StoredJson(key), StringComparison.Ordinal);

        Assert.Equal(ClientAdminStatus.Ok, await grain.SetDisabled(false));

        Assert.True((await grain.Authenticate(created.ClientSecret!)).Authenticated);
        Assert.Equal(ClientOperationStatus.Ok, (await grain.Read(token)).Status);
        Assert.False(Assert.Single(await List(tenant)).Disabled);
        Assert.Null((await grain.Describe())!.DisabledAt);
        Assert.DoesNotContain("DisabledAt", StoredJson(key), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_client_registered_without_a_sequence_is_administered_but_never_listed()
    {
        var tenant = NewTenant();
        var (grain, _) = NewClient(tenant);
        var created = (await grain.Register(new(Metadata), Secrets.NewSecret(), Secrets.NewSecret())).Client!;

        Assert.Equal(ClientAdminStatus.Ok, await grain.SetDisabled(true));
        Assert.False((await grain.Authenticate(created.ClientSecret!)).Authenticated);
        Assert.Equal(ClientAdminStatus.Ok, await grain.AdminDelete());

        Assert.Empty(await List(tenant));
        Assert.Equal(0, fixture.Storage.WritesOf(PageId(tenant, 0)));
    }

    [Fact]
    public async Task Describe_answers_metadata_and_times_and_never_a_credential()
    {
        var (grain, _) = NewClient(NewTenant());
        var created = (await grain.Register(new(Metadata), Secrets.NewSecret(), Secrets.NewSecret(), 1)).Client!;
        Assert.True((await grain.Authenticate(created.ClientSecret!)).Authenticated);

        var described = (await grain.Describe())!;

        Assert.Equal((created.ClientId, "Billing service", "billing", "openid"), (described.ClientId, described.Metadata.ClientName, described.Metadata.SoftwareId, described.Metadata.Scope));
        Assert.Equal((created.CreatedAt, created.UpdatedAt, 0L, false), (described.CreatedAt, described.UpdatedAt, described.SecretExpiresAt, described.Disabled));
        Assert.NotNull(described.LastUsedAt);
        var json = JsonSerializer.Serialize(described);
        Assert.DoesNotContain(created.ClientSecret!, json, StringComparison.Ordinal);
        Assert.DoesNotContain(Convert.ToBase64String(Secrets.Hash(created.ClientSecret!)), json, StringComparison.Ordinal);
        Assert.DoesNotContain(Convert.ToBase64String(Secrets.Hash(created.RegistrationAccessToken)), json, StringComparison.Ordinal);
    }

    private async Task<ClientIndexEntry[]> List(string tenant, string? softwareId = null, string? namePrefix = null) =>
        [.. (await ClientListing.ListAsync(fixture.Grains, tenant, 0, 2048, null, 100, softwareId, namePrefix)).Entries];

    private Task<ClientIndexEntry[]> PageOf(string tenant, long sequence) =>
        fixture.Grains.GetGrain<IClientIndexGrain>(ClientIndexKey.ForSequence(tenant, sequence)).List(long.MaxValue, ClientIndexKey.PageSize, null, null);

    private (IClientGrain Grain, string Key) NewClient(string tenant)
    {
        var key = ClientKey.Of(tenant, Guid.NewGuid().ToString("N"));
        return (fixture.Grains.GetGrain<IClientGrain>(key), key);
    }

    private string? StoredJson(string key) => fixture.Storage.Json("client", GrainId.Create("client", key));

    private static GrainId PageId(string tenant, long page) => GrainId.Create(RegistryGrainTypes.ClientIndex, ClientIndexKey.Of(tenant, page));

    private static string NewTenant() => "admin" + Guid.NewGuid().ToString("N")[..12];
}
