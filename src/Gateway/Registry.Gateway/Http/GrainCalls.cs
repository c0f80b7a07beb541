namespace Registry.Gateway.Http;

/// <summary>
/// Grain calls that fail while a silo dies or joins (rejected messages, timeouts, dead silos) are retried
/// with a short, bounded backoff: about 3 s in all, longer than the cluster takes to declare a killed silo
/// dead and re-activate its grains elsewhere. After that the failure propagates and is answered 503 with
/// Retry-After. Every Registry grain operation is idempotent, so a retry is safe — except the counters of
/// limits (a quota reservation, a failed-authentication count), where a retry after a lost answer can count
/// one extra: on the safe side.
/// </summary>
internal static class GrainCalls
{
    private static readonly TimeSpan[] Backoff =
    [
        TimeSpan.FromMilliseconds(50),
        TimeSpan.FromMilliseconds(200),
        TimeSpan.FromMilliseconds(500),
        TimeSpan.FromMilliseconds(1000),
        TimeSpan.FromMilliseconds(1500),
    ];

    public static Task RetryAsync<TState>(TState state, Func<TState, Task> call, CancellationToken cancellationToken) =>
        RetryAsync((State: state, Call: call), static async s =>
        {
            await s.Call(s.State);
            return true;
        }, cancellationToken);

    public static async Task<T> RetryAsync<TState, T>(TState state, Func<TState, Task<T>> call, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await call(state);
            }
            catch (Exception exception) when (attempt < Backoff.Length && ClusterErrors.IsTransient(exception) && !cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(Backoff[attempt], cancellationToken);
            }
        }
    }
}
