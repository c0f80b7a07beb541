namespace Registry.Protocol.Throttling;

/// <summary>
/// A token bucket: holds up to <c>burst</c> tokens, refilled at <c>perSecond</c>; each admitted request takes
/// one. Not thread-safe: it lives inside one grain activation (or behind a lock).
/// </summary>
public sealed class TokenBucket(double perSecond, int burst)
{
    private double _tokens = burst;
    private DateTimeOffset _refilled = DateTimeOffset.MinValue;

    /// <summary>Takes a token, or answers how long until one is available.</summary>
    public bool TryTake(DateTimeOffset now, out TimeSpan retryAfter)
    {
        // Stryker disable once Equality : when no time has passed, refilling adds nothing, so > and >= agree.
        if (_refilled != DateTimeOffset.MinValue && now > _refilled)
        {
            _tokens = Math.Min(burst, _tokens + (now - _refilled).TotalSeconds * perSecond);
        }

        _refilled = now;
        if (_tokens >= 1)
        {
            _tokens -= 1;
            retryAfter = TimeSpan.Zero;
            return true;
        }

        retryAfter = perSecond > 0 ? TimeSpan.FromSeconds((1 - _tokens) / perSecond) : TimeSpan.MaxValue;
        return false;
    }
}
