using System.Diagnostics;

namespace Registry.Testing;

/// <summary>
/// Polling for something that happens asynchronously (a span exported, a grain deactivated, a silo
/// declared dead), with an explicit deadline that fails loudly: the exception says what was awaited, for
/// how long, and what was last seen. Never a fixed sleep, never a silent give-up.
/// </summary>
public static class Eventually
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(50);

    /// <summary>Calls <paramref name="probe"/> until <paramref name="done"/> holds for its answer; returns that answer.</summary>
    public static async Task<T> UntilAsync<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan deadline, string awaited)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var value = await probe();
            if (done(value))
            {
                return value;
            }

            if (clock.Elapsed > deadline)
            {
                throw new TimeoutException($"waited {deadline.TotalSeconds:0.#} s for {awaited}; last seen: {value}");
            }

            await Task.Delay(Interval);
        }
    }

    /// <summary>The same for a synchronous condition.</summary>
    public static Task UntilAsync(Func<bool> condition, TimeSpan deadline, string awaited) =>
        UntilAsync(() => Task.FromResult(condition()), done => done, deadline, awaited);
}
