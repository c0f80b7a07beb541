using Registry.Protocol.Errors;

namespace Registry.Protocol.Tests.Throttling;

/// <summary>How a limit is told to a client: throttled (try again after whole seconds) or a quota (nothing to wait for).</summary>
public sealed class LimitErrorTests
{
    private const long Second = TimeSpan.TicksPerSecond;

    [Theory]
    [InlineData(0L, 1)]
    [InlineData(-5 * Second, 1)]
    [InlineData(1L, 1)]
    [InlineData(Second / 2, 1)]
    [InlineData(Second, 1)]
    [InlineData(Second + 1, 2)]
    [InlineData(3 * Second / 2, 2)]
    [InlineData(59 * Second + 1, 60)]
    [InlineData(86_399 * Second, 86_399)]
    [InlineData(86_399 * Second + 1, 86_400)]
    [InlineData(86_400 * Second, 86_400)]
    [InlineData(86_400 * Second + 1, 86_400)]
    [InlineData(365 * 86_400 * Second, 86_400)]
    [InlineData(long.MaxValue, 86_400)]
    public void Throttled_tells_whole_seconds_rounded_up_at_least_one_and_at_most_a_day(long ticks, int expected)
    {
        var error = OAuthError.Throttled(ErrorIds.ThrottleTokenRate, "slow down", TimeSpan.FromTicks(ticks));

        Assert.Equal((OAuthErrorCodes.TemporarilyUnavailable, ErrorIds.ThrottleTokenRate, expected), (error.Code, error.Id, error.RetryAfterSeconds));
    }

    [Fact]
    public void A_quota_is_access_denied_with_nothing_to_wait_for()
    {
        var error = OAuthError.QuotaExceeded(ErrorIds.QuotaMaxClients, "full");

        Assert.Equal((OAuthErrorCodes.AccessDenied, ErrorIds.QuotaMaxClients, (int?)null), (error.Code, error.Id, error.RetryAfterSeconds));
    }

    [Fact]
    public void Other_errors_carry_no_retry_after()
    {
        Assert.Null(OAuthError.TemporarilyUnavailable(ErrorIds.ClusterUnavailable, "later").RetryAfterSeconds);
        Assert.Null(OAuthError.InvalidClient(ErrorIds.ClientAuthFailed, "no").RetryAfterSeconds);
    }

    [Theory]
    [InlineData(ErrorIds.ThrottleClientBackoff, true)]
    [InlineData(ErrorIds.ThrottleAddressBackoff, true)]
    [InlineData(ErrorIds.ThrottleRegistrationRate, true)]
    [InlineData(ErrorIds.ThrottleTokenRate, true)]
    [InlineData(ErrorIds.QuotaMaxClients, true)]
    [InlineData(ErrorIds.ClientAuthFailed, false)]
    [InlineData(ErrorIds.ClusterUnavailable, false)]
    [InlineData(ErrorIds.RegistrationTokenInvalid, false)]
    [InlineData("throttle", false)]
    [InlineData("quota", false)]
    [InlineData("area.throttle.x", false)]
    [InlineData("area.quota.x", false)]
    [InlineData("Throttle.x", false)]
    [InlineData("QUOTA.x", false)]
    [InlineData("", false)]
    public void Limit_ids_are_the_throttle_and_quota_areas(string id, bool expected)
    {
        Assert.Equal(expected, ErrorIds.IsLimit(id));
    }

    [Fact]
    public void Exactly_the_five_limit_ids_count_as_limits()
    {
        var ids = typeof(ErrorIds).GetFields().Select(f => (string)f.GetValue(null)!);

        string[] expected = [ErrorIds.QuotaMaxClients, ErrorIds.ThrottleAddressBackoff, ErrorIds.ThrottleClientBackoff, ErrorIds.ThrottleRegistrationRate, ErrorIds.ThrottleTokenRate];

        Assert.Equal(expected, ids.Where(ErrorIds.IsLimit).Order(StringComparer.Ordinal));
    }
}
