using System.Collections.Concurrent;
using Registry.Gateway.Http;
using Registry.Gateway.Tenancy;
using Registry.Grains.Abstractions;
using Registry.Protocol.Errors;
using Registry.Protocol.Throttling;

namespace Registry.Gateway.Throttling;

/// <summary>
/// The per-source-address back-off after failed authentication, in two layers. Every failure counts in this
/// gateway's own table, so forged input (an id or token whose MAC fails, a bearer token that does not verify)
/// is limited without any grain call. A failure that already cost a grain call (a real client's wrong secret
/// or registration token) also counts in the address guard grain, which holds for the whole cluster; the
/// back-off it answers is remembered here, so a backed-off address is refused without a grain call. Another
/// gateway learns a cluster-wide back-off at its first failure from that address.
/// </summary>
internal sealed partial class AddressGuard(IGrainFactory grains, GrainCalls calls, TimeProvider time, ILogger<AddressGuard> logger)
{
    /// <summary>Above this many remembered addresses, those with nothing left to remember are swept.</summary>
    private const int SweepAbove = 50_000;

    /// <summary>Past this many after a sweep (a flood from very many addresses), the local table starts over.</summary>
    private const int HardLimit = 200_000;

    private readonly ConcurrentDictionary<string, DateTimeOffset> _clusterBackoffs = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, FailureBackoff> _local = new(StringComparer.Ordinal);

    /// <summary>A 429 while the request's address backs off at this tenant, else null.</summary>
    public OAuthError? Check(HttpContext http, TenantContext tenant) => Check(http, tenant.Name);

    /// <summary>A 429 while the request's address backs off in <paramref name="scope"/> (a tenant, or the admin API), else null.</summary>
    public OAuthError? Check(HttpContext http, string scope)
    {
        if (_local.IsEmpty && _clusterBackoffs.IsEmpty)
        {
            return null;
        }

        var key = AddressKey.Of(scope, http.Connection.RemoteIpAddress);
        var now = time.GetUtcNow();
        var remaining = _clusterBackoffs.TryGetValue(key, out var until) && until > now ? until - now : TimeSpan.Zero;
        if (_local.TryGetValue(key, out var local))
        {
            lock (local)
            {
                var localRemaining = local.RemainingAt(now);
                remaining = localRemaining > remaining ? localRemaining : remaining;
            }
        }

        return remaining > TimeSpan.Zero ? Throttled(remaining) : null;
    }

    /// <summary>
    /// Counts a failed authentication of the request's address: here always, and in the cluster when
    /// <paramref name="costGrainCall"/> (the failure was decided by a grain). A grain failure here never fails the request.
    /// </summary>
    public async Task RecordFailureAsync(HttpContext http, TenantContext tenant, bool costGrainCall)
    {
        var key = AddressKey.Of(tenant.Name, http.Connection.RemoteIpAddress);
        RecordLocally(key, tenant.Tenant.Throttles);
        if (!costGrainCall)
        {
            return;
        }

        try
        {
            var wait = await calls.RetryAsync(grains.GetGrain<IAddressGuardGrain>(key), g => g.RecordFailure(), http.RequestAborted);
            if (wait > TimeSpan.Zero)
            {
                Sweep(_clusterBackoffs, static (until, now) => until <= now);
                _clusterBackoffs[key] = time.GetUtcNow() + wait;
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogNotRecorded(logger, exception, tenant.Name);
        }
    }

    /// <summary>Counts a failed authentication of the request's address in <paramref name="scope"/> on this gateway only.</summary>
    public void RecordLocalFailure(HttpContext http, string scope, ThrottlePolicy policy) =>
        RecordLocally(AddressKey.Of(scope, http.Connection.RemoteIpAddress), policy);

    public static OAuthError Throttled(TimeSpan remaining) => OAuthError.Throttled(ErrorIds.ThrottleAddressBackoff,
        "too many failed authentications from this address; retry after the time given in Retry-After", remaining);

    private void RecordLocally(string key, ThrottlePolicy policy)
    {
        Sweep(_local, static (backoff, now) =>
        {
            lock (backoff)
            {
                return backoff.KeepFor(now) == TimeSpan.Zero;
            }
        });
        var backoff = _local.GetOrAdd(key, static (_, p) => p.AddressBackoff(), policy);
        lock (backoff)
        {
            backoff.RecordFailure(time.GetUtcNow());
        }
    }

    private void Sweep<T>(ConcurrentDictionary<string, T> table, Func<T, DateTimeOffset, bool> forgotten)
    {
        if (table.Count <= SweepAbove)
        {
            return;
        }

        var now = time.GetUtcNow();
        foreach (var (key, value) in table)
        {
            if (forgotten(value, now))
            {
                table.TryRemove(key, out _);
            }
        }

        if (table.Count > HardLimit)
        {
            table.Clear();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not count a failed authentication for tenant '{Tenant}'")]
    private static partial void LogNotRecorded(ILogger logger, Exception exception, string tenant);
}
