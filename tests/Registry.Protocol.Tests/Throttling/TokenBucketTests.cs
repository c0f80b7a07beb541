using System.Globalization;
using Registry.Protocol.Throttling;

namespace Registry.Protocol.Tests.Throttling;

/// <summary>
/// The token bucket, driven by scripts of steps on a fixed clock: "t ok" takes a token at t seconds and must be
/// admitted, "t wait w" must be refused with a retry-after of exactly w seconds ((1 - tokens) / rate), "t wait max"
/// with the largest wait.
/// </summary>
public sealed class TokenBucketTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("the burst is admitted at once, then refused for 1 / rate", 1, 3, "0 ok | 0 ok | 0 ok | 0 wait 1")]
    [InlineData("a burst of one admits exactly one token", 1, 1, "0 ok | 0 wait 1")]
    [InlineData("the wait is for a whole token at any rate", 10, 2, "0 ok | 0 ok | 0 wait 0.1")]
    [InlineData("the wait counts what already refilled", 4, 1, "0 ok | 0.125 wait 0.125 | 0.25 ok | 0.25 wait 0.25")]
    [InlineData("tokens refill at the rate", 2, 5, "0 ok | 0 ok | 0 ok | 0 ok | 0 ok | 1 ok | 1 ok | 1 wait 0.5")]
    [InlineData("refill is capped at the burst", 1, 2, "0 ok | 0 ok | 100 ok | 100 ok | 100 wait 1")]
    [InlineData("no time passing adds nothing", 1000, 1, "0 ok | 0 wait 0.001 | 0 wait 0.001")]
    [InlineData("the first request finds the bucket full whenever it comes", 1, 2, "3600 ok | 3600 ok | 3600 wait 1")]
    [InlineData("a clock going backwards takes nothing away, and refill goes on from there", 1, 2, "10 ok | 5 ok | 5 wait 1 | 6 ok | 6 wait 1")]
    [InlineData("a zero rate never refills", 0, 1, "0 ok | 1000000 wait max")]
    public void Scripted_requests_are_admitted_or_told_exactly_how_long_to_wait(string scenario, double perSecond, int burst, string script)
    {
        var bucket = new TokenBucket(perSecond, burst);

        foreach (var (index, step) in script.Split('|', StringSplitOptions.TrimEntries).Index())
        {
            var words = step.Split(' ');

            var admitted = bucket.TryTake(At(words[0]), out var retryAfter);

            var expected = words[1] == "ok" ? (true, TimeSpan.Zero) : (false, Wait(words[2]));
            Assert.True(expected == (admitted, retryAfter), $"{scenario}: step {index + 1} '{step}' answered ({admitted}, {retryAfter})");
        }
    }

    private static DateTimeOffset At(string seconds) => Start.AddTicks((long)Math.Round(Seconds(seconds) * TimeSpan.TicksPerSecond));

    private static TimeSpan Wait(string seconds) => seconds == "max" ? TimeSpan.MaxValue : TimeSpan.FromSeconds(Seconds(seconds));

    private static double Seconds(string text) => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
}
