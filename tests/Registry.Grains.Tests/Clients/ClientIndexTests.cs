using System.Text.Json;

namespace Registry.Grains.Tests.Clients;

/// <summary>The client index on its own: pages, the listing walk, filters, cursors, group commit.</summary>
[Collection(ClusterCollectionDefinition.Name)]
public sealed class ClientIndexTests(ClusterFixture fixture)
{
    private static readonly DateTimeOffset Created = new(2026, 11, 30, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Entries_are_listed_newest_first_across_a_page_boundary()
    {
        var tenant = NewTenant();
        for (var sequence = 1020L; sequence <= 1030; sequence++)
        {
            await Page(tenant, sequence).Add(Entry(sequence));
        }

        var first = await List(tenant, 1020, 1031, null, 5);
        var second = await List(tenant, 1020, 1031, first.NextCursor, 5);
        var third = await List(tenant, 1020, 1031, second.NextCursor, 5);

        Assert.Equal((long[])[1030, 1029, 1028, 1027, 1026], Sequences(first));
        Assert.Equal(1025, first.NextCursor);
        Assert.Equal((long[])[1025, 1024, 1023, 1022, 1021], Sequences(second));
        Assert.Equal(1020, second.NextCursor);
        Assert.Equal((long[])[1020], Sequences(third));
        Assert.Null(third.NextCursor);
        Assert.Equal((long[])[1023, 1022, 1021, 1020], (await Page(tenant, 1023).List(long.MaxValue, 100, null, null)).Select(e => e.Sequence));
        Assert.Equal("client-1027", first.Entries[3].ClientId);
        Assert.Equal(Entry(1027), first.Entries[3]);
    }

    [Fact]
    public async Task One_call_lists_everything_up_to_the_limit_and_the_end_gives_no_cursor()
    {
        var tenant = NewTenant();
        for (var sequence = 1020L; sequence <= 1030; sequence++)
        {
            await Page(tenant, sequence).Add(Entry(sequence));
        }

        var all = await List(tenant, 1020, 1031, null, 50);

        Assert.Equal(11, all.Entries.Count);
        Assert.Equal(Enumerable.Range(1020, 11).Select(s => (long)s).Reverse(), Sequences(all));
        Assert.Null(all.NextCursor);
        Assert.Empty((await List(tenant, 1020, 1020, null, 50)).Entries);
        Assert.Equal((long[])[1025, 1024], Sequences(await List(tenant, 1020, 1031, 1025, 2)));
    }

    [Fact]
    public async Task Filters_match_the_software_id_exactly_and_the_client_name_by_prefix()
    {
        var tenant = NewTenant();
        await Page(tenant, 1).Add(Entry(1) with { ClientName = "Billing", SoftwareId = "billing" });
        await Page(tenant, 2).Add(Entry(2) with { ClientName = "Billing v2", SoftwareId = "billing-v2" });
        await Page(tenant, 3).Add(Entry(3) with { ClientName = "billing lower", SoftwareId = "billing" });
        await Page(tenant, 4).Add(Entry(4) with { ClientName = null, SoftwareId = null });

        Assert.Equal((long[])[3, 1], Sequences(await List(tenant, 0, 5, null, 10, softwareId: "billing")));
        Assert.Equal((long[])[2, 1], Sequences(await List(tenant, 0, 5, null, 10, namePrefix: "Billing")));
        Assert.Equal((long[])[1], Sequences(await List(tenant, 0, 5, null, 10, softwareId: "billing", namePrefix: "Bill")));
        Assert.Empty((await List(tenant, 0, 5, null, 10, softwareId: "BILLING")).Entries);
        Assert.Equal((long[])[3, 2, 1], Sequences(await List(tenant, 0, 5, null, 10, namePrefix: "")));
        Assert.Equal((long[])[4, 3, 2, 1], Sequences(await List(tenant, 0, 5, null, 10)));
    }

    [Fact]
    public async Task A_cursor_stays_valid_while_newer_clients_are_added_and_listed_ones_removed()
    {
        var tenant = NewTenant();
        for (var sequence = 1L; sequence <= 10; sequence++)
        {
            await Page(tenant, sequence).Add(Entry(sequence));
        }

        var first = await List(tenant, 1, 11, null, 3);
        for (var sequence = 11L; sequence <= 14; sequence++)
        {
            await Page(tenant, sequence).Add(Entry(sequence));
        }

        await Page(tenant, 6).Remove(6);
        var second = await List(tenant, 1, 15, first.NextCursor, 3);

        Assert.Equal((long[])[10, 9, 8], Sequences(first));
        Assert.Equal((long[])[7, 5, 4], Sequences(second));
        Assert.Equal(3, second.NextCursor);
        Assert.Equal((long[])[14, 13, 12], Sequences(await List(tenant, 1, 15, null, 3)));
    }

    [Fact]
    public async Task One_call_reads_a_bounded_number_of_pages_and_answers_a_cursor_to_go_on()
    {
        var tenant = NewTenant();
        var newest = (3 * ClientIndexKey.PageSize) + 5;
        await Page(tenant, 10).Add(Entry(10) with { SoftwareId = "rare" });
        await Page(tenant, newest).Add(Entry(newest));

        var first = await List(tenant, 0, newest + 1, null, 10, softwareId: "rare", maxPages: 2);
        var second = await List(tenant, 0, newest + 1, first.NextCursor, 10, softwareId: "rare", maxPages: 2);

        Assert.Empty(first.Entries);
        Assert.Equal((2 * ClientIndexKey.PageSize) - 1, first.NextCursor);
        Assert.Equal((long[])[10], Sequences(second));
        Assert.Null(second.NextCursor);
    }

    [Fact]
    public async Task Add_is_idempotent_update_replaces_and_remove_deletes_writing_only_changes()
    {
        var tenant = NewTenant();
        var page = Page(tenant, 7);
        var id = PageId(tenant, 0);

        await page.Add(Entry(7));
        await page.Add(Entry(7));
        Assert.Equal(1, fixture.Storage.WritesOf(id));

        await page.Update(Entry(7) with { ClientName = "renamed", Disabled = true });
        var listed = Assert.Single(await page.List(long.MaxValue, 10, null, null));
        Assert.Equal(("renamed", true, 2), (listed.ClientName, listed.Disabled, fixture.Storage.WritesOf(id)));

        await page.Remove(7);
        await page.Remove(7);
        await page.Remove(8);
        Assert.Empty(await page.List(long.MaxValue, 10, null, null));
        Assert.Equal(3, fixture.Storage.WritesOf(id));

        await fixture.DeactivateAllAsync();
        Assert.Empty(await page.List(long.MaxValue, 10, null, null));
    }

    [Fact]
    public async Task An_entry_is_refused_by_a_page_it_does_not_belong_to()
    {
        var tenant = NewTenant();

        await Assert.ThrowsAnyAsync<ArgumentException>(() => fixture.Grains.GetGrain<IClientIndexGrain>(ClientIndexKey.Of(tenant, 0)).Add(Entry(ClientIndexKey.PageSize)));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => fixture.Grains.GetGrain<IClientIndexGrain>(ClientIndexKey.Of(tenant, 1)).Remove(3));
        Assert.Equal(0, fixture.Storage.WritesOf(PageId(tenant, 0)));
    }

    [Fact]
    public async Task Concurrent_adds_to_one_page_share_writes_and_all_are_stored()
    {
        var tenant = NewTenant();
        var page = fixture.Grains.GetGrain<IClientIndexGrain>(ClientIndexKey.Of(tenant, 0));
        using (fixture.Storage.DelayWritesOf(PageId(tenant, 0), TimeSpan.FromMilliseconds(50)))
        {
            await Task.WhenAll(Enumerable.Range(0, ClientIndexKey.PageSize).Select(s => page.Add(Entry(s))));
        }

        var writes = fixture.Storage.WritesOf(PageId(tenant, 0));
        Assert.InRange(writes, 1, 20);
        Assert.Equal(Enumerable.Range(0, ClientIndexKey.PageSize).Reverse().Select(s => (long)s), (await page.List(long.MaxValue, 1000, null, null)).Select(e => e.Sequence));
        using var stored = JsonDocument.Parse(fixture.Storage.Json(RegistryGrainTypes.ClientIndex, PageId(tenant, 0))!);
        Assert.Equal(Enumerable.Range(0, ClientIndexKey.PageSize), stored.RootElement.GetProperty("Entries").EnumerateArray().Select(e => e.GetProperty("Sequence").GetInt32()));

        await fixture.DeactivateAllAsync();
        Assert.Equal(ClientIndexKey.PageSize, (await page.List(long.MaxValue, 1000, null, null)).Length);
    }

    [Fact]
    public async Task A_failed_write_fails_every_change_in_it_and_keeps_what_was_stored()
    {
        var tenant = NewTenant();
        var page = fixture.Grains.GetGrain<IClientIndexGrain>(ClientIndexKey.Of(tenant, 0));
        await page.Add(Entry(1));
        var before = fixture.Storage.Json(RegistryGrainTypes.ClientIndex, PageId(tenant, 0));

        using (fixture.Storage.FailWritesOf(PageId(tenant, 0)))
        {
            var adds = Enumerable.Range(2, 20).Select(s => page.Add(Entry(s))).ToArray();
            foreach (var add in adds)
            {
                await Assert.ThrowsAnyAsync<Exception>(() => add);
            }

            await Assert.ThrowsAnyAsync<Exception>(() => page.Remove(1));
            Assert.Equal((long[])[1], (await page.List(long.MaxValue, 100, null, null)).Select(e => e.Sequence));
        }

        Assert.Equal(before, fixture.Storage.Json(RegistryGrainTypes.ClientIndex, PageId(tenant, 0)));
        await page.Add(Entry(2));
        Assert.Equal((long[])[2, 1], (await page.List(long.MaxValue, 100, null, null)).Select(e => e.Sequence));
    }

    [Fact]
    public async Task Long_names_are_cut_so_a_full_page_stays_far_below_the_storage_entity_limit()
    {
        var tenant = NewTenant();
        var page = fixture.Grains.GetGrain<IClientIndexGrain>(ClientIndexKey.Of(tenant, 0));
        var longest = new string('\u00e9', 300);
        using (fixture.Storage.DelayWritesOf(PageId(tenant, 0), TimeSpan.FromMilliseconds(20)))
        {
            await Task.WhenAll(Enumerable.Range(0, ClientIndexKey.PageSize).Select(s =>
                page.Add(new ClientIndexEntry(s, Guid.NewGuid().ToString("N"), longest, longest + "\"<>", Created, false))));
        }

        var bytes = System.Text.Encoding.UTF8.GetByteCount(fixture.Storage.Json(RegistryGrainTypes.ClientIndex, PageId(tenant, 0))!);
        Assert.InRange(bytes, ClientIndexKey.PageSize * 195, ClientIndexKey.PageSize * 781);
        var listed = (await page.List(long.MaxValue, 1, null, new string('\u00e9', 10)))[0];
        Assert.Equal(ClientIndexText.Cut(longest), listed.ClientName);
        Assert.Equal(ClientIndexKey.PageSize - 1, listed.Sequence);
    }

    private Task<ClientListPage> List(
        string tenant, long first, long next, long? cursor, int limit, string? softwareId = null, string? namePrefix = null, int maxPages = ClientListing.DefaultMaxPagesScanned) =>
        ClientListing.ListAsync(fixture.Grains, tenant, first, next, cursor, limit, softwareId, namePrefix, maxPages);

    private IClientIndexGrain Page(string tenant, long sequence) => fixture.Grains.GetGrain<IClientIndexGrain>(ClientIndexKey.ForSequence(tenant, sequence));

    private static GrainId PageId(string tenant, long page) => GrainId.Create(RegistryGrainTypes.ClientIndex, ClientIndexKey.Of(tenant, page));

    private static long[] Sequences(ClientListPage page) => [.. page.Entries.Select(e => e.Sequence)];

    private static ClientIndexEntry Entry(long sequence) => new(sequence, $"client-{sequence}", $"Client {sequence}", "software", Created.AddSeconds(sequence), false);

    private static string NewTenant() => "index" + Guid.NewGuid().ToString("N")[..12];
}
