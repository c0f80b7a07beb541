using Registry.Protocol.Throttling;

namespace Registry.Protocol.Tests.Throttling;

public sealed class ThrottlePolicyTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Every_limit_is_on_by_default_with_the_documented_values()
    {
        var policy = new ThrottlePolicy();

        Assert.Equal(100_000, policy.MaxClients);
        Assert.Equal((10d, 100), (policy.RegistrationsPerSecond, policy.RegistrationBurst));
        Assert.Equal((20d, 100), (policy.TokenRequestsPerSecond, policy.TokenBurst));
        Assert.Equal((5, 20), (policy.ClientFailuresBeforeBackoff, policy.AddressFailuresBeforeBackoff));
        Assert.Equal((1, 900), (policy.BackoffSeconds, policy.MaxBackoffSeconds));
    }

    [Theory]
    [InlineData("client", 2)]
    [InlineData("address", 4)]
    public void Each_back_off_starts_at_its_own_threshold_with_the_policy_s_waits(string subject, int threshold)
    {
        var policy = new ThrottlePolicy { ClientFailuresBeforeBackoff = 2, AddressFailuresBeforeBackoff = 4, BackoffSeconds = 3, MaxBackoffSeconds = 10 };
        var backoff = subject == "client" ? policy.ClientBackoff() : policy.AddressBackoff();

        var waits = Enumerable.Range(0, threshold + 2).Select(_ => backoff.RecordFailure(Now).TotalSeconds).ToList();

        double[] expected = [.. Enumerable.Repeat(0d, threshold - 1), 3, 6, 10];
        Assert.Equal(expected, waits);
    }

    [Theory]
    [InlineData("client")]
    [InlineData("address")]
    public void Each_back_off_forgets_after_the_policy_s_longest_wait(string subject)
    {
        var policy = new ThrottlePolicy { ClientFailuresBeforeBackoff = 2, AddressFailuresBeforeBackoff = 2, MaxBackoffSeconds = 10 };
        var backoff = subject == "client" ? policy.ClientBackoff() : policy.AddressBackoff();

        backoff.RecordFailure(Now);

        Assert.NotEqual(TimeSpan.Zero, backoff.KeepFor(Now.AddSeconds(10)));
        Assert.Equal(TimeSpan.Zero, backoff.KeepFor(Now.AddSeconds(10).AddTicks(1)));
    }
}
