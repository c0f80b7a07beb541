using Registry.Grains.Tenants;

namespace Registry.Grains.Tests.Tenants;

public sealed class SubscriberSetTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 30, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_subscriber_not_renewed_within_its_lifetime_is_dropped_and_a_renewed_one_stays()
    {
        var set = new SubscriberSet<string>(TenantIndexGrain.SubscriptionLifetime);
        set.Renew("gateway-a", Start);
        set.Renew("gateway-b", Start);

        // b renews every 20 seconds, as gateways do; a stopped.
        for (var t = TimeSpan.FromSeconds(20); t <= TimeSpan.FromMinutes(3); t += TimeSpan.FromSeconds(20))
        {
            set.Renew("gateway-b", Start + t);
        }

        Assert.Equal(["gateway-b"], set.Live(Start + TimeSpan.FromMinutes(3)));
        Assert.Equal(1, set.Count);
    }

    [Fact]
    public void A_subscriber_is_live_until_its_lifetime_has_passed()
    {
        var set = new SubscriberSet<string>(TimeSpan.FromMinutes(2));
        set.Renew("gateway", Start);

        Assert.Equal(["gateway"], set.Live(Start + TimeSpan.FromMinutes(2)));
        Assert.Empty(set.Live(Start + TimeSpan.FromMinutes(2) + TimeSpan.FromTicks(1)));
    }

    [Fact]
    public void A_removed_subscriber_is_gone_at_once()
    {
        var set = new SubscriberSet<string>(TimeSpan.FromMinutes(2));
        set.Renew("gateway", Start);
        set.Remove("gateway");

        Assert.Empty(set.Live(Start));
    }
}
