using System.Collections.Concurrent;
using Registry.Gateway.Http;
using Registry.Gateway.Tenancy;
using Registry.Grains.Abstractions;
using Registry.Protocol.Errors;

namespace Registry.Gateway.Throttling;

/// <summary>
/// The per-source-address back-off after failed authentication. The count lives in an address guard grain
/// (one per tenant and address, so it holds for the whole cluster); this gateway remembers the back-offs it
/// learned, so requests from a backed-off address are refused here without any grain call. Only failures call
/// the grain: a request that authenticates costs nothing extra.
/// </summary>
internal sealed partial class AddressGuard(IGrainFactory grains, TimeProvider time, ILogger<AddressGuard> logger)
{
    /// <summary>Above this many remembered back-offs, expired ones are swept before another is added.</summary>
    private const int SweepAbove = 50_000;

    private readonly ConcurrentDictionary<string, DateTimeOffset> _backedOff = new(StringComparer.Ordinal);

    /// <summary>A 429 while the request's address backs off at this tenant, else null.</summary>
    public OAuthError? Check(HttpContext http, TenantContext tenant)
    {
        if (_backedOff.IsEmpty || !_backedOff.TryGetValue(AddressKey.Of(tenant.Name, http.Connection.RemoteIpAddress), out var until))
        {
            return null;
        }

        var remaining = until - time.GetUtcNow();
        return remaining > TimeSpan.Zero ? Throttled(remaining) : null;
    }

    /// <summary>Counts a failed authentication of the request's address; a grain failure here never fails the request.</summary>
    public async Task RecordFailureAsync(HttpContext http, TenantContext tenant)
    {
        var key = AddressKey.Of(tenant.Name, http.Connection.RemoteIpAddress);
        try
        {
            var wait = await GrainCalls.RetryAsync(grains.GetGrain<IAddressGuardGrain>(key), g => g.RecordFailure(), http.RequestAborted);
            if (wait > TimeSpan.Zero)
            {
                Remember(key, time.GetUtcNow() + wait);
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogNotRecorded(logger, exception, tenant.Name);
        }
    }

    public static OAuthError Throttled(TimeSpan remaining) => OAuthError.Throttled(ErrorIds.ThrottleAddressBackoff,
        "too many failed authentications from this address; retry after the time given in Retry-After", remaining);

    private void Remember(string key, DateTimeOffset until)
    {
        if (_backedOff.Count > SweepAbove)
        {
            var now = time.GetUtcNow();
            foreach (var (expiredKey, expiry) in _backedOff)
            {
                if (expiry <= now)
                {
                    _backedOff.TryRemove(expiredKey, out _);
                }
            }
        }

        _backedOff[key] = until;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not count a failed authentication for tenant '{Tenant}'")]
    private static partial void LogNotRecorded(ILogger logger, Exception exception, string tenant);
}
