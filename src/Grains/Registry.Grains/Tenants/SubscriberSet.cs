namespace Registry.Grains.Tenants;

/// <summary>
/// Subscribers that must renew: one not renewed within <see cref="Lifetime"/> is gone (a subscriber that died
/// never says so). Not thread-safe: it lives in one grain activation.
/// </summary>
internal sealed class SubscriberSet<T>(TimeSpan lifetime)
    where T : notnull
{
    private readonly Dictionary<T, DateTimeOffset> _renewed = [];

    public TimeSpan Lifetime => lifetime;

    public int Count => _renewed.Count;

    public void Renew(T subscriber, DateTimeOffset now) => _renewed[subscriber] = now;

    public void Remove(T subscriber) => _renewed.Remove(subscriber);

    /// <summary>Drops the subscribers not renewed in time; answers those left.</summary>
    public List<T> Live(DateTimeOffset now)
    {
        var oldest = now - lifetime;
        foreach (var (subscriber, renewed) in _renewed.Where(s => s.Value < oldest).ToList())
        {
            _renewed.Remove(subscriber);
        }

        return [.. _renewed.Keys];
    }
}
