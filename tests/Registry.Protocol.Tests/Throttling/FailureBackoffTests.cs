using System.Globalization;
using Registry.Protocol.Throttling;

namespace Registry.Protocol.Tests.Throttling;

/// <summary>
/// The failure back-off, driven by scripts of steps on a fixed clock (times in seconds): "t fail d" records a
/// failure at t that must start a back-off of d seconds (0: none), "t wait d" asks what is left at t, "success"
/// records a success, "t idle yes|no" asks whether anything is still remembered (KeepFor is zero), "failures n"
/// checks the count.
/// </summary>
public sealed class FailureBackoffTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("below the threshold nothing waits", 3, 1, 8, "0 fail 0 | 0 fail 0 | 0 wait 0 | failures 2")]
    [InlineData("at the threshold the first back-off starts", 3, 1, 8, "0 fail 0 | 0 fail 0 | 0 fail 1 | 0 wait 1 | failures 3")]
    [InlineData("each further failure doubles it, up to the maximum", 1, 1, 8, "0 fail 1 | 1 fail 2 | 3 fail 4 | 7 fail 8 | 15 fail 8 | failures 5")]
    [InlineData("the doubling counts from the threshold", 3, 2, 100, "0 fail 0 | 0 fail 0 | 0 fail 2 | 2 fail 4 | 6 fail 8 | 14 fail 16")]
    [InlineData("a first back-off longer than the maximum is cut to it", 1, 10, 5, "0 fail 5 | 0 wait 5")]
    [InlineData("the wait counts down to zero", 1, 10, 100, "0 fail 10 | 0 wait 10 | 2.5 wait 7.5 | 9.75 wait 0.25 | 10 wait 0 | 11 wait 0")]
    [InlineData("a success resets the count", 3, 1, 8, "0 fail 0 | 0 fail 0 | success | failures 0 | 0 fail 0 | 0 fail 0 | 0 fail 1")]
    [InlineData("a success ends a back-off, and the next one starts from the first", 1, 5, 100, "0 fail 5 | 1 fail 10 | success | 1 wait 0 | 1 fail 5")]
    [InlineData("a quiet period longer than the maximum forgets the failures", 3, 1, 8, "0 fail 0 | 0 fail 0 | 8.0000001 fail 0 | failures 1")]
    [InlineData("a quiet period of exactly the maximum does not", 3, 1, 8, "0 fail 0 | 0 fail 0 | 8 fail 1 | failures 3")]
    [InlineData("quiet counts from the last failure", 3, 1, 8, "0 fail 0 | 6 fail 0 | 12 fail 1 | failures 3")]
    [InlineData("quiet counts from the end of the last back-off", 1, 1, 8, "0 fail 1 | 1 fail 2 | 3 fail 4 | 11.0000001 fail 8 | failures 4")]
    [InlineData("a forgotten back-off starts from the first again", 1, 1, 8, "0 fail 1 | 1 fail 2 | 3 fail 4 | 15.0000001 fail 1 | failures 1")]
    [InlineData("waiting out the longest back-off earns no fresh attempts", 1, 1, 8, "0 fail 1 | 1 fail 2 | 3 fail 4 | 7 fail 8 | 15 fail 8 | 23.5 fail 8 | failures 6")]
    [InlineData("a fresh subject is idle", 3, 1, 8, "0 idle yes | 0 wait 0 | failures 0")]
    [InlineData("a failure is remembered until a quiet period longer than the maximum", 3, 1, 8, "0 fail 0 | 0 idle no | 8 idle no | 8.0000001 idle yes")]
    [InlineData("a back-off is remembered until it and the quiet period are over", 1, 8, 8, "0 fail 8 | 7 idle no | 16 idle no | 16.0000001 idle yes")]
    [InlineData("a success leaves nothing to remember", 3, 1, 8, "0 fail 0 | 0 fail 0 | success | 0 idle yes")]
    [InlineData("a success during a back-off leaves nothing to remember", 1, 8, 8, "0 fail 8 | success | 0 idle yes | 0 wait 0")]
    public void Scripted_failures_back_off_as_specified(string scenario, int threshold, int firstSeconds, int maxSeconds, string script)
    {
        var backoff = new FailureBackoff(threshold, TimeSpan.FromSeconds(firstSeconds), TimeSpan.FromSeconds(maxSeconds));

        foreach (var (index, step) in script.Split('|', StringSplitOptions.TrimEntries).Index())
        {
            var words = step.Split(' ');
            (object Expected, object Actual) check = words switch
            {
                ["success"] => Success(backoff),
                ["failures", var count] => (int.Parse(count, CultureInfo.InvariantCulture), backoff.Failures),
                [var at, "fail", var wait] => (Seconds(wait), backoff.RecordFailure(At(at))),
                [var at, "wait", var wait] => (Seconds(wait), backoff.RemainingAt(At(at))),
                [var at, "idle", var idle] => (idle == "yes", backoff.KeepFor(At(at)) == TimeSpan.Zero),
                _ => throw new ArgumentException($"unknown step '{step}'", nameof(script)),
            };

            Assert.True(Equals(check.Expected, check.Actual), $"{scenario}: step {index + 1} '{step}' answered {check.Actual}");
        }
    }

    [Theory]
    [InlineData(1, 900)]
    [InlineData(900, 86_400)]
    [InlineData(86_400, 86_400)]
    public void A_long_run_of_failures_stays_at_the_maximum(int firstSeconds, int maxSeconds)
    {
        var backoff = new FailureBackoff(1, TimeSpan.FromSeconds(firstSeconds), TimeSpan.FromSeconds(maxSeconds));
        var max = TimeSpan.FromSeconds(maxSeconds);

        var waits = Enumerable.Range(0, 100).Select(_ => backoff.RecordFailure(Start)).ToList();

        Assert.Equal(max, waits[^1]);
        Assert.All(waits, wait => Assert.InRange(wait, TimeSpan.FromSeconds(firstSeconds), max));
        Assert.Equal(max, backoff.RemainingAt(Start));
    }

    private static (object, object) Success(FailureBackoff backoff)
    {
        backoff.RecordSuccess();
        return (true, true);
    }

    private static DateTimeOffset At(string seconds) => Start.AddTicks((long)Math.Round(double.Parse(seconds, CultureInfo.InvariantCulture) * TimeSpan.TicksPerSecond));

    private static TimeSpan Seconds(string seconds) => TimeSpan.FromTicks((long)Math.Round(double.Parse(seconds, CultureInfo.InvariantCulture) * TimeSpan.TicksPerSecond));
}
