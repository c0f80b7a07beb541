using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;

namespace Registry.Cluster.Tests;

/// <summary>One HTTP attempt of a load run, timed on the run's clock.</summary>
public sealed record Attempt(TimeSpan Start, TimeSpan End, HttpStatusCode Status, string Body, bool HasRetryAfter)
{
    public TimeSpan Latency => End - Start;
}

/// <summary>Concurrent workers sending requests until told to stop or a count is reached, recording every answer.</summary>
public sealed class LoadRun
{
    private readonly ConcurrentQueue<Attempt> _attempts = new();
    private int _issued;

    public Stopwatch Clock { get; } = Stopwatch.StartNew();

    public IReadOnlyCollection<Attempt> Attempts => _attempts;

    public int Issued => Volatile.Read(ref _issued);

    /// <summary>Runs <paramref name="workers"/> loops until <paramref name="total"/> requests were sent or <paramref name="stop"/> fires.</summary>
    public Task RunAsync(int workers, int total, Func<int, Task<HttpResponseMessage>> send, CancellationToken stop = default) =>
        Task.WhenAll(Enumerable.Range(0, workers).Select(_ => WorkerAsync(total, send, stop)));

    private async Task WorkerAsync(int total, Func<int, Task<HttpResponseMessage>> send, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var index = Interlocked.Increment(ref _issued);
            if (index > total)
            {
                return;
            }

            var start = Clock.Elapsed;
            try
            {
                using var response = await send(index);
                var body = await response.Content.ReadAsStringAsync(CancellationToken.None);
                _attempts.Enqueue(new Attempt(start, Clock.Elapsed, response.StatusCode, body, response.Headers.RetryAfter is not null));
            }
            catch (HttpRequestException exception)
            {
                _attempts.Enqueue(new Attempt(start, Clock.Elapsed, 0, exception.Message, false));
            }
            catch (TaskCanceledException exception)
            {
                // HttpClient's timeout: a hang.
                _attempts.Enqueue(new Attempt(start, Clock.Elapsed, 0, "timeout: " + exception.Message, false));
            }
        }
    }

    public static TimeSpan Percentile(IEnumerable<Attempt> attempts, double percentile)
    {
        var sorted = attempts.Select(a => a.Latency).Order().ToList();
        return sorted.Count == 0 ? TimeSpan.Zero : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(percentile / 100 * sorted.Count) - 1)];
    }
}
