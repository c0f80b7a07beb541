namespace Registry.Protocol.Throttling;

/// <summary>
/// Exponential back-off after repeated failed authentication of one subject (a client id, a source address):
/// after <c>threshold</c> failures every further attempt — right or wrong — waits <c>first</c>, doubling with
/// each failure up to <c>max</c>. A success resets it; so does a quiet period as long as the longest back-off.
/// Not thread-safe: it lives inside one grain activation (or behind a lock).
/// </summary>
public sealed class FailureBackoff(int threshold, TimeSpan first, TimeSpan max)
{
    private int _failures;
    private DateTimeOffset _lastFailure;
    private DateTimeOffset _lockedUntil;

    public int Failures => _failures;

    /// <summary>How long the subject must still wait, or zero when it may try.</summary>
    public TimeSpan RemainingAt(DateTimeOffset now) => now < _lockedUntil ? _lockedUntil - now : TimeSpan.Zero;

    /// <summary>Counts a failure; answers the back-off it starts (zero below the threshold).</summary>
    public TimeSpan RecordFailure(DateTimeOffset now)
    {
        if (_failures > 0 && now - _lastFailure > max)
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

    /// <summary>True when nothing is remembered any more (the subject's state may be dropped).</summary>
    public bool IsIdleAt(DateTimeOffset now) => _failures == 0 || now - _lastFailure > max && now >= _lockedUntil;
}
