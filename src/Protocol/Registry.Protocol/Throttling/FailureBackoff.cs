namespace Registry.Protocol.Throttling;

/// <summary>
/// Exponential back-off after repeated failed authentication of one subject (a client id, a source address):
/// after <c>threshold</c> failures every further attempt — right or wrong — waits <c>first</c>, doubling with
/// each failure up to <c>max</c>. A success resets it; so does a quiet period longer than the longest back-off
/// after the last failure's back-off ended (so waiting out a maximal back-off does not earn fresh attempts).
/// Not thread-safe: it lives inside one grain activation (or behind a lock).
/// </summary>
public sealed class FailureBackoff(int threshold, TimeSpan first, TimeSpan max)
{
    private int _failures;
    private DateTimeOffset _lastFailure;
    private DateTimeOffset _lockedUntil;

    public int Failures => _failures;

    /// <summary>How long the subject must still wait, or zero when it may try.</summary>
    // Stryker disable once Equality : at the instant the back-off ends both branches answer zero.
    public TimeSpan RemainingAt(DateTimeOffset now) => now < _lockedUntil ? _lockedUntil - now : TimeSpan.Zero;

    /// <summary>Counts a failure; answers the back-off it starts (zero below the threshold).</summary>
    public TimeSpan RecordFailure(DateTimeOffset now)
    {
        if (_failures > 0 && now - Max(_lastFailure, _lockedUntil) > max)
        {
            _failures = 0;
        }

        _failures++;
        _lastFailure = now;
        if (_failures < threshold)
        {
            return TimeSpan.Zero;
        }

        // Doubled in doubles, which hold these tick counts exactly and never overflow: in longs, a first back-off of
        // 859 s or more doubled 30 times wraps around (a negative wait, then a time the calendar cannot hold).
        var doublings = Math.Min(_failures - threshold, 30);
        var delay = TimeSpan.FromTicks((long)Math.Min(max.Ticks, first.Ticks * Math.Pow(2, doublings)));
        _lockedUntil = now + delay;
        return delay;
    }

    public void RecordSuccess()
    {
        _failures = 0;
        _lockedUntil = default;
    }

    /// <summary>
    /// How long the state must still be kept: until the back-off ends plus the quiet period that forgets the
    /// failures (zero when nothing is remembered). A grain holding it stays in memory that long.
    /// </summary>
    public TimeSpan KeepFor(DateTimeOffset now)
    {
        if (_failures == 0)
        {
            return TimeSpan.Zero;
        }

        // Up to and including forgetAt a further failure still counts on (RecordFailure forgets only after it).
        var forgetAt = Max(_lastFailure, _lockedUntil) + max;
        return now > forgetAt ? TimeSpan.Zero : forgetAt - now + TimeSpan.FromTicks(1);
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
