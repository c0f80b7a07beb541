using Registry.Grains.Abstractions;

namespace Registry.Grains.Tenants;

/// <summary>
/// When a tenant's signing keys change (pure, so it is tested with any clock). The current key is the newest one
/// already active — the same rule gateways apply, so they switch to a pre-published key on their own. With a key
/// lifetime L, the next key is published min(L/2, 1 day) before the current one is L old, and activates then; a
/// superseded key stays published until the tokens it may have signed expired (plus <see cref="RetireGrace"/>).
/// </summary>
internal static class SigningKeySchedule
{
    /// <summary>The longest a next key is published ahead (JWKS caches refresh well within it).</summary>
    public static readonly TimeSpan MaxLead = TimeSpan.FromDays(1);

    /// <summary>Kept beyond the longest token lifetime: clock skew and a JWKS cached by resource servers.</summary>
    public static readonly TimeSpan RetireGrace = TimeSpan.FromMinutes(5);

    /// <summary>How long before the current key's end its successor is published.</summary>
    public static TimeSpan Lead(int lifetimeSeconds) => TimeSpan.FromSeconds(Math.Min(lifetimeSeconds / 2.0, MaxLead.TotalSeconds));

    /// <summary>The key that signs at <paramref name="now"/>: the newest already active (null when none is).</summary>
    public static StoredSigningKey? Current(IEnumerable<StoredSigningKey> keys, DateTimeOffset now) =>
        keys.Where(k => k.Activation() <= now).MaxBy(k => k.Activation());

    /// <summary>When a superseded key is retired (removed from the JWKS).</summary>
    public static DateTimeOffset? RetiresAt(StoredSigningKey key, TimeSpan tokenLifetime) =>
        key.SupersededAt is { } superseded ? superseded + tokenLifetime + RetireGrace : null;

    /// <summary>
    /// Applies what is due at <paramref name="now"/> to <paramref name="keys"/> (copies are changed, never the
    /// stored objects): retires expired keys, makes a key of <paramref name="algorithm"/> current if none is,
    /// pre-publishes the next key. Answers whether anything changed and when the next change is due.
    /// </summary>
    public static (bool Changed, DateTimeOffset? NextDue) Apply(
        List<StoredSigningKey> keys, string algorithm, int lifetimeSeconds, TimeSpan tokenLifetime, DateTimeOffset now,
        Func<DateTimeOffset, StoredSigningKey> newKey)
    {
        var changed = keys.RemoveAll(k => RetiresAt(k, tokenLifetime) <= now) > 0;
        var current = Current(keys, now);
        if (current is null || current.Algorithm != algorithm)
        {
            // First use, or the tenant switched algorithm: a new key signs at once.
            RotateNow(keys, now, newKey);
            changed = true;
            current = keys[0];
        }

        DateTimeOffset? nextDue = null;
        if (lifetimeSeconds > 0)
        {
            var lifetime = TimeSpan.FromSeconds(lifetimeSeconds);
            var lead = Lead(lifetimeSeconds);
            var pending = keys.Any(k => k.Activation() > now);
            var publishAt = current.Activation() + lifetime - lead;
            if (!pending && publishAt <= now)
            {
                // Late (the tenant was not active when due): the next key is still published a full lead ahead.
                var activatesAt = Max(current.Activation() + lifetime, now + lead);
                var index = keys.IndexOf(current);
                keys[index] = current.Copy();
                keys[index].SupersededAt = activatesAt;
                keys.Insert(0, newKey(activatesAt));
                changed = true;
            }
            else if (!pending)
            {
                nextDue = publishAt;
            }
            else
            {
                // The next key's own successor is due lead before its end.
                nextDue = keys.Where(k => k.Activation() > now).Min(k => k.Activation()) + lifetime - lead;
            }
        }

        foreach (var key in keys)
        {
            if (RetiresAt(key, tokenLifetime) is { } retires && (nextDue is null || retires < nextDue))
            {
                nextDue = retires;
            }
        }

        return (changed, nextDue);
    }

    /// <summary>A new key signs at once; every other key is superseded now; a pre-published key (it never signed) is dropped.</summary>
    public static void RotateNow(List<StoredSigningKey> keys, DateTimeOffset now, Func<DateTimeOffset, StoredSigningKey> newKey)
    {
        keys.RemoveAll(k => k.Activation() > now);
        for (var i = 0; i < keys.Count; i++)
        {
            if (keys[i].SupersededAt is not { } superseded || superseded > now)
            {
                keys[i] = keys[i].Copy();
                keys[i].SupersededAt = now;
            }
        }

        keys.Insert(0, newKey(now));
    }

    /// <summary>The keys as the operator lists them, newest activation first.</summary>
    public static SigningKeyInfo[] Describe(IEnumerable<StoredSigningKey> keys, TimeSpan tokenLifetime, DateTimeOffset now)
    {
        var current = Current(keys, now);
        return [.. keys.OrderByDescending(k => k.Activation()).Select(k => new SigningKeyInfo(
            k.KeyId,
            k.Algorithm,
            k == current ? SigningKeyInfo.Current : k.Activation() > now ? SigningKeyInfo.Next : SigningKeyInfo.Previous,
            k.CreatedAt,
            k.Activation(),
            RetiresAt(k, tokenLifetime)))];
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
