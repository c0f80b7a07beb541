using Microsoft.Extensions.Time.Testing;
using Registry.Gateway.Tenancy;

namespace Registry.Gateway.Tests;

/// <summary>The cache of unknown tenant names is bounded: it evicts the least recently asked name and forgets names after their time to live.</summary>
public sealed class UnknownTenantNamesTests
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);

    [Fact]
    public void Past_its_capacity_the_least_recently_asked_name_is_evicted_and_new_names_are_still_remembered()
    {
        var names = new UnknownTenantNames(capacity: 3, TimeSpan.FromSeconds(30), _time);

        foreach (var name in new[] { "a", "b", "c" })
        {
            names.Add(name);
        }

        Assert.True(names.Contains("a"));
        names.Add("d");

        Assert.Equal((true, false, true, true), (names.Contains("a"), names.Contains("b"), names.Contains("c"), names.Contains("d")));
        Assert.Equal(3, names.Count);
    }

    [Fact]
    public void Probing_with_ever_new_names_keeps_the_cache_at_its_capacity_and_remembers_the_latest()
    {
        var names = new UnknownTenantNames(capacity: 100, TimeSpan.FromSeconds(30), _time);

        for (var i = 0; i < 10_000; i++)
        {
            names.Add($"probe-{i}");
        }

        Assert.Equal(100, names.Count);
        Assert.False(names.Contains("probe-0"));
        Assert.False(names.Contains("probe-9899"));
        Assert.True(names.Contains("probe-9900"));
        Assert.True(names.Contains("probe-9999"));
    }

    [Fact]
    public void A_name_is_forgotten_after_its_time_to_live_or_when_the_tenant_is_found()
    {
        var names = new UnknownTenantNames(capacity: 10, TimeSpan.FromSeconds(30), _time);
        names.Add("later");
        names.Add("found");

        names.Forget("found");
        _time.Advance(TimeSpan.FromSeconds(29));
        Assert.True(names.Contains("later"));
        Assert.False(names.Contains("found"));
        _time.Advance(TimeSpan.FromSeconds(1));

        Assert.False(names.Contains("later"));
        Assert.Equal(0, names.Count);
    }
}
