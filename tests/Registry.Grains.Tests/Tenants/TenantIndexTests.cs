using System.Collections.Concurrent;

namespace Registry.Grains.Tests.Tenants;

[Collection(ClusterCollectionDefinition.Name)]
public sealed class TenantIndexTests(ClusterFixture fixture)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    private ITenantIndexGrain Index => fixture.Grains.GetGrain<ITenantIndexGrain>(ITenantIndexGrain.Key);

    [Fact]
    public async Task Pages_list_configured_and_runtime_tenants_in_ordinal_order_once_each()
    {
        var created = new[] { RuntimeTenantTests.NewName(), RuntimeTenantTests.NewName(), RuntimeTenantTests.NewName() };
        foreach (var name in created)
        {
            Assert.Equal(TenantChangeStatus.Ok, await fixture.Grains.GetGrain<ITenantGrain>(name).Create(RuntimeTenantTests.Definition()));
        }

        Assert.Equal(TenantChangeStatus.Ok, await fixture.Grains.GetGrain<ITenantGrain>(created[1]).Delete());

        var all = new List<TenantIndexEntry>();
        string? after = null;
        var pages = 0;
        while (true)
        {
            var page = await Index.List(after, 3);
            Assert.InRange(page.Tenants.Length, 1, 3);
            all.AddRange(page.Tenants);
            pages++;
            if (!page.More)
            {
                break;
            }

            after = page.Tenants[^1].Name;
        }

        Assert.True(pages > 1);
        Assert.Equal(all.Select(e => e.Name).Order(StringComparer.Ordinal), all.Select(e => e.Name));
        Assert.Equal(all.Count, all.Select(e => e.Name).Distinct().Count());
        Assert.Contains(new TenantIndexEntry("acme", true), all);
        Assert.Contains(new TenantIndexEntry("default", true), all);
        Assert.Contains(new TenantIndexEntry(created[0], false), all);
        Assert.Contains(new TenantIndexEntry(created[2], false), all);
        Assert.DoesNotContain(all, e => e.Name == created[1]);
        Assert.Empty((await Index.List(all[^1].Name, 10)).Tenants);
    }

    [Fact]
    public async Task A_subscriber_is_told_of_every_change_with_an_increasing_version()
    {
        var observer = new Observer();
        var reference = fixture.Grains.CreateObjectReference<ITenantChangeObserver>(observer);
        try
        {
            var subscribed = await Index.Subscribe(reference);
            var name = RuntimeTenantTests.NewName();
            var grain = fixture.Grains.GetGrain<ITenantGrain>(name);

            Assert.Equal(TenantChangeStatus.Ok, await grain.Create(RuntimeTenantTests.Definition()));
            Assert.Equal(TenantChangeStatus.Ok, await grain.Update(RuntimeTenantTests.Definition(scopes: ["x"])));
            Assert.Equal(TenantChangeStatus.Ok, await grain.Delete());

            await Eventually.UntilAsync(() => observer.Seen(name).Count >= 3, Deadline, "three notifications");
            var versions = observer.Seen(name);
            Assert.True(versions[0] > subscribed);
            Assert.Equal(versions.Order(), versions);
            Assert.Equal(versions[^1], await Index.Subscribe(reference));

            await Index.Unsubscribe(reference);
            var after = await Index.Publish(name);
            Assert.Equal(versions[^1] + 1, after);
            await Task.Delay(200);
            Assert.Equal(3, observer.Seen(name).Count);
        }
        finally
        {
            fixture.Grains.DeleteObjectReference<ITenantChangeObserver>(reference);
        }
    }

    [Fact]
    public async Task Configured_tenants_are_not_stored_and_runtime_names_survive_deactivation()
    {
        var name = RuntimeTenantTests.NewName();
        Assert.Equal(TenantChangeStatus.Ok, await fixture.Grains.GetGrain<ITenantGrain>(name).Create(RuntimeTenantTests.Definition()));

        await fixture.DeactivateAllAsync();

        Assert.Equal(new TenantIndexEntry(name, false), Assert.Single((await Index.List(name[..^1], 1000)).Tenants, e => e.Name == name));
        var stored = fixture.Storage.Json("tenant-index", GrainId.Create("tenant-index", ITenantIndexGrain.Key))!;
        Assert.Contains(name, stored, StringComparison.Ordinal);
        Assert.DoesNotContain("\"acme\"", stored, StringComparison.Ordinal);
    }

    private sealed class Observer : ITenantChangeObserver
    {
        private readonly ConcurrentQueue<(string Name, long Version)> _seen = new();

        public void TenantChanged(string name, long version) => _seen.Enqueue((name, version));

        public List<long> Seen(string name) => [.. _seen.Where(s => s.Name == name).Select(s => s.Version)];
    }
}
