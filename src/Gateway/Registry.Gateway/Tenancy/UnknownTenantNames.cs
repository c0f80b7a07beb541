namespace Registry.Gateway.Tenancy;

/// <summary>
/// Tenant names the cluster recently answered "no such tenant" for, so a repeated unknown name costs no grain
/// call. Bounded: past <see cref="Capacity"/> names the least recently asked one is evicted, so probing with
/// ever new names neither grows memory nor stops the cache from working; a name is forgotten after
/// <see cref="TimeToLive"/> (a tenant added to the configuration is found then).
/// </summary>
internal sealed class UnknownTenantNames(int capacity, TimeSpan timeToLive, TimeProvider time)
{
    private readonly Dictionary<string, LinkedListNode<(string Name, DateTimeOffset Expires)>> _index = new(StringComparer.Ordinal);
    private readonly LinkedList<(string Name, DateTimeOffset Expires)> _recency = new();
    private readonly Lock _lock = new();

    public int Capacity => capacity;

    public TimeSpan TimeToLive => timeToLive;

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _index.Count;
            }
        }
    }

    /// <summary>Whether <paramref name="name"/> is remembered as unknown (and not expired); a hit makes it the most recent.</summary>
    public bool Contains(string name)
    {
        var now = time.GetUtcNow();
        lock (_lock)
        {
            if (!_index.TryGetValue(name, out var node))
            {
                return false;
            }

            if (node.Value.Expires <= now)
            {
                Remove(node);
                return false;
            }

            _recency.Remove(node);
            _recency.AddFirst(node);
            return true;
        }
    }

    public void Add(string name)
    {
        var expires = time.GetUtcNow() + timeToLive;
        lock (_lock)
        {
            if (_index.TryGetValue(name, out var existing))
            {
                Remove(existing);
            }

            while (_index.Count >= capacity && _recency.Last is { } oldest)
            {
                Remove(oldest);
            }

            _index[name] = _recency.AddFirst((name, expires));
        }
    }

    public void Forget(string name)
    {
        lock (_lock)
        {
            if (_index.TryGetValue(name, out var node))
            {
                Remove(node);
            }
        }
    }

    /// <summary>Forgets every name (tenants may have been created while change notifications were missed).</summary>
    public void Clear()
    {
        lock (_lock)
        {
            _index.Clear();
            _recency.Clear();
        }
    }

    private void Remove(LinkedListNode<(string Name, DateTimeOffset Expires)> node)
    {
        _recency.Remove(node);
        _index.Remove(node.Value.Name);
    }
}
