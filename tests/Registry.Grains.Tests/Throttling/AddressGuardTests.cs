using System.Net;

namespace Registry.Grains.Tests.Throttling;

/// <summary>The per-address guard: failed authentications from one source address at one tenant, cluster-wide.</summary>
[Collection(ClusterCollectionDefinition.Name)]
public sealed class AddressGuardTests(ClusterFixture fixture)
{
    private static readonly TimeSpan Backoff = TimeSpan.FromSeconds(ClusterFixture.BackoffSeconds);

    [Fact]
    public async Task Failures_below_the_threshold_cost_nothing_and_the_threshold_starts_a_back_off()
    {
        var guard = Guard(ClusterFixture.StrictTenant, "203.0.113.10");

        var waits = new TimeSpan[ClusterFixture.AddressFailuresBeforeBackoff + 1];
        for (var i = 0; i < waits.Length; i++)
        {
            waits[i] = await guard.RecordFailure();
        }

        Assert.All(waits[..^2], wait => Assert.Equal(TimeSpan.Zero, wait));
        Assert.Equal(Backoff, waits[^2]);
        Assert.InRange(waits[^1], TimeSpan.FromTicks(1), Backoff);
    }

    [Fact]
    public async Task Addresses_of_one_ipv6_64_prefix_share_a_guard_and_other_addresses_do_not()
    {
        var waits = new List<TimeSpan>();
        for (var i = 0; i < ClusterFixture.AddressFailuresBeforeBackoff; i++)
        {
            waits.Add(await Guard(ClusterFixture.StrictTenant, $"2001:db8:10:20::{i + 1:x}").RecordFailure());
        }

        var elsewhere = await Guard(ClusterFixture.StrictTenant, "2001:db8:10:21::1").RecordFailure();
        var otherTenant = await Guard(ClusterFixture.QuotaTenant, "2001:db8:10:20::1").RecordFailure();

        Assert.All(waits.Take(waits.Count - 1), wait => Assert.Equal(TimeSpan.Zero, wait));
        Assert.Equal(Backoff, waits[^1]);
        Assert.Equal(TimeSpan.Zero, elsewhere);
        Assert.Equal(TimeSpan.Zero, otherTenant);
    }

    [Fact]
    public async Task An_unknown_tenant_never_backs_an_address_off()
    {
        var guard = Guard("nobody-guarded", "203.0.113.11");

        var waits = new List<TimeSpan>();
        for (var i = 0; i < 3 * ClusterFixture.AddressFailuresBeforeBackoff; i++)
        {
            waits.Add(await guard.RecordFailure());
        }

        Assert.All(waits, wait => Assert.Equal(TimeSpan.Zero, wait));
    }

    private IAddressGuardGrain Guard(string tenant, string address) =>
        fixture.Grains.GetGrain<IAddressGuardGrain>(AddressKey.Of(tenant, IPAddress.Parse(address)));
}
