using System.Diagnostics;
using System.Net;

namespace Registry.LoadBenchmark;

/// <summary>One measured run of one scenario on one server.</summary>
internal sealed record RunResult(string Scenario, string Server, int Round, long Requests, long Errors, double Seconds, double P50Ms, double P99Ms, double? CpuSeconds)
{
    public double Throughput => Requests / Seconds;

    /// <summary>Server CPU time per request in microseconds: steadier than throughput on a shared machine.</summary>
    public double? CpuMicrosPerRequest => CpuSeconds is { } cpu && Requests > 0 ? cpu * 1e6 / Requests : null;
}

/// <summary>Closed-loop load: N workers, each sending the next request as soon as the previous answered.</summary>
internal static class LoadRunner
{
    private static long _sequence = Stopwatch.GetTimestamp() % 1_000_000 * 1_000_000;

    public static async Task<RunResult> RunAsync(Server server, string scenario, Options options, int round)
    {
        var warmupEnd = Stopwatch.GetTimestamp() + Stopwatch.Frequency * options.WarmupSeconds;
        var end = warmupEnd + Stopwatch.Frequency * options.DurationSeconds;
        var workers = Enumerable.Range(0, options.Connections).Select(w => WorkerAsync(server, scenario, w, warmupEnd, end)).ToList();
        var cpu = MeasureCpuAsync(server, warmupEnd, end);
        var samples = await Task.WhenAll(workers);
        var latencies = samples.SelectMany(s => s.Latencies).Order().ToArray();
        return new RunResult(
            scenario, server.Name, round, latencies.Length, samples.Sum(s => s.Errors), options.DurationSeconds,
            Percentile(latencies, 0.50), Percentile(latencies, 0.99), await cpu);
    }

    private static async Task<double?> MeasureCpuAsync(Server server, long start, long end)
    {
        await Task.Delay(TimeSpan.FromSeconds(Math.Max(0, (start - Stopwatch.GetTimestamp()) / (double)Stopwatch.Frequency)));
        var before = server.CpuSeconds();
        await Task.Delay(TimeSpan.FromSeconds(Math.Max(0, (end - Stopwatch.GetTimestamp()) / (double)Stopwatch.Frequency)));
        return server.CpuSeconds() - before;
    }

    private static async Task<(List<double> Latencies, long Errors)> WorkerAsync(Server server, string scenario, int worker, long warmupEnd, long end)
    {
        var latencies = new List<double>(16_384);
        long errors = 0;
        var pool = server.Pool;
        var next = worker * 7919;
        while (true)
        {
            var start = Stopwatch.GetTimestamp();
            if (start >= end)
            {
                return (latencies, errors);
            }

            var ok = await SendAsync(server, scenario, pool, next++);
            var stop = Stopwatch.GetTimestamp();
            if (start >= warmupEnd)
            {
                latencies.Add((stop - start) * 1000.0 / Stopwatch.Frequency);
                errors += ok ? 0 : 1;
            }
        }
    }

    private static async Task<bool> SendAsync(Server server, string scenario, List<BenchClient> pool, int index)
    {
        try
        {
            var kind = scenario == "mixed" ? (index % 10) switch { 0 => "register", 1 => "read", _ => "token" } : scenario;
            var client = pool.Count == 0 ? null : pool[(int)((uint)index % (uint)pool.Count)];
            return kind switch
            {
                "register" => (await server.RegisterAsync(Interlocked.Increment(ref _sequence))).Status == HttpStatusCode.Created,
                "token" => await server.TokenAsync(client!) == HttpStatusCode.OK,
                "read" => await server.ReadAsync(client!) == HttpStatusCode.OK,
                "jwks" => await server.GetAsync("/jwks") == HttpStatusCode.OK,
                // A resource server (one pool client) asks about another pool client's token.
                "introspect" => await server.IntrospectAsync(client!, server.PoolTokens[(int)((uint)(index + 1) % (uint)pool.Count)]),
                _ => throw new ArgumentException($"unknown scenario {scenario}"),
            };
        }
        catch (HttpRequestException)
        {
            return false;
        }
        catch (TaskCanceledException)
        {
            return false;
        }
    }

    /// <summary>One access token per pool client, for the introspect scenario (tokens live the tenant's default lifetime).</summary>
    public static async Task FillPoolTokensAsync(Server server)
    {
        foreach (var client in server.Pool)
        {
            server.PoolTokens.Add(await server.IssueTokenAsync(client));
        }
    }

    /// <summary>Registers the pool of clients the token, read and introspect scenarios use.</summary>
    public static async Task FillPoolAsync(Server server, int count, int connections)
    {
        var remaining = count;
        await Task.WhenAll(Enumerable.Range(0, connections).Select(async _ =>
        {
            while (Interlocked.Decrement(ref remaining) >= 0)
            {
                var (status, client) = await server.RegisterAsync(Interlocked.Increment(ref _sequence));
                if (client is null)
                {
                    throw new InvalidOperationException($"{server.Name}: registration failed with {(int)status} while filling the pool");
                }

                lock (server.Pool)
                {
                    server.Pool.Add(client);
                }
            }
        }));
    }

    /// <summary>
    /// Warms the registration path without growing the registry: register-then-delete cycles for the given
    /// time (a fresh .NET process needs tens of seconds of load before its hot code is fully optimized).
    /// </summary>
    public static async Task WarmUpRegistrationAsync(Server server, Options options)
    {
        var end = Stopwatch.GetTimestamp() + Stopwatch.Frequency * (long)options.ScaleWarmupSeconds;
        await Task.WhenAll(Enumerable.Range(0, options.Connections).Select(async _ =>
        {
            while (Stopwatch.GetTimestamp() < end)
            {
                var (_, client) = await server.RegisterAsync(Interlocked.Increment(ref _sequence));
                if (client is not null)
                {
                    await server.DeleteAsync(client);
                }
            }
        }));
    }

    /// <summary>The scale scenario: registers many clients, reporting throughput per interval and RSS.</summary>
    public static async Task<IReadOnlyList<(int Clients, double Throughput, double? RssMiB)>> ScaleAsync(Server server, Options options)
    {
        var intervals = new List<(int, double, double?)>();
        var done = 0;
        var intervalStart = Stopwatch.GetTimestamp();
        var deadline = Stopwatch.GetTimestamp() + Stopwatch.Frequency * (long)options.ScaleMaxSeconds;
        var gate = new object();
        await Task.WhenAll(Enumerable.Range(0, options.Connections).Select(async _ =>
        {
            while (Stopwatch.GetTimestamp() < deadline)
            {
                if (Interlocked.Increment(ref done) > options.ScaleClients)
                {
                    return;
                }

                var (status, _) = await server.RegisterAsync(Interlocked.Increment(ref _sequence));
                if (status != HttpStatusCode.Created)
                {
                    throw new InvalidOperationException($"{server.Name}: registration answered {(int)status} during the scale run");
                }

                lock (gate)
                {
                    var completed = intervals.Count * options.ScaleInterval;
                    if (Volatile.Read(ref done) - completed >= options.ScaleInterval)
                    {
                        var now = Stopwatch.GetTimestamp();
                        intervals.Add((completed + options.ScaleInterval, options.ScaleInterval / ((now - intervalStart) / (double)Stopwatch.Frequency), server.RssMiB()));
                        intervalStart = now;
                    }
                }
            }
        }));
        return intervals;
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
}
