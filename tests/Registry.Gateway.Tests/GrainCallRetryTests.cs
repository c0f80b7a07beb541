using System.Diagnostics;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Timeout;
using Registry.Gateway.Http;
using Registry.Hosting.Configuration;

namespace Registry.Gateway.Tests;

/// <summary>
/// The "registry-grain-calls" pipeline as the gateway builds it (GrainCallPipeline.Configure, and through DI with
/// Registry:Cluster:RetryBudgetSeconds): what is retried, how long it waits between attempts, and that the whole call
/// ends within its budget. Real delays, small budgets: the fake failures are thrown by the call itself.
/// </summary>
public sealed class GrainCallRetryTests
{
    [Fact]
    public async Task A_silo_gone_failure_is_retried_with_growing_jittered_delays_until_the_call_succeeds()
    {
        // Many calls at once, as many requests at once when a silo dies: each fails 4 times, then succeeds.
        const int Calls = 30;
        const int Failures = 4;
        var sequences = await Task.WhenAll(Enumerable.Range(0, Calls).Select(async _ =>
        {
            var delays = new List<TimeSpan>();
            var pipeline = GrainCallPipeline.Configure(new ResiliencePipelineBuilder(), TimeSpan.FromSeconds(10), args =>
            {
                delays.Add(args.RetryDelay);
                return ValueTask.CompletedTask;
            }).Build();
            var attempts = 0;
            var result = await pipeline.ExecuteAsync(_ => ++attempts <= Failures
                ? throw new SiloUnavailableException("the target silo became unavailable")
                : ValueTask.FromResult(42));
            Assert.Equal(42, result);
            Assert.Equal(Failures + 1, attempts);
            return delays;
        }));

        Assert.All(sequences, s => Assert.Equal(Failures, s.Count));
        Assert.All(sequences.SelectMany(s => s), d => Assert.InRange(d, TimeSpan.FromTicks(1), GrainCallPipeline.MaxDelay));

        // Jitter: the gateways (and requests) do not retry in lock-step.
        Assert.True(sequences.Select(s => s[0]).Distinct().Count() > Calls / 2, "first delays: " + string.Join(", ", sequences.Select(s => s[0].TotalMilliseconds)));

        // Exponential back-off: on average each retry waits longer than the one before.
        var means = Enumerable.Range(0, Failures).Select(i => sequences.Average(s => s[i].TotalMilliseconds)).ToList();
        for (var i = 1; i < Failures; i++)
        {
            Assert.True(means[i] > means[i - 1], "mean delays: " + string.Join(", ", means));
        }

        Assert.InRange(means[0], 10, 150);
    }

    [Fact]
    public async Task Retries_stop_within_the_budget_and_the_failure_is_cluster_trouble()
    {
        var budget = TimeSpan.FromMilliseconds(800);
        var retries = 0;
        var pipeline = GrainCallPipeline.Configure(new ResiliencePipelineBuilder(), budget, _ =>
        {
            Interlocked.Increment(ref retries);
            return ValueTask.CompletedTask;
        }).Build();
        await pipeline.ExecuteAsync(_ => ValueTask.FromResult(0)); // JIT outside the measured time
        var clock = Stopwatch.StartNew();

        var exception = await Assert.ThrowsAnyAsync<Exception>(async () =>
            await pipeline.ExecuteAsync<int>(_ => throw new Orleans.Runtime.Messaging.ConnectionFailedException("Unable to connect to 127.0.0.1:30001")));

        Assert.True(clock.Elapsed < budget + TimeSpan.FromMilliseconds(1500), $"took {clock.Elapsed}"); // the old loop took 3.25 s
        Assert.True(retries >= 2, $"{retries} retries");
        Assert.True(ClusterErrors.IsTransient(exception), exception.ToString());
    }

    [Fact]
    public async Task A_call_that_never_answers_is_abandoned_when_the_budget_ends()
    {
        var services = Services(budgetSeconds: "0.5");
        var calls = services.GetRequiredService<GrainCalls>();
        var never = new TaskCompletionSource<int>();
        var clock = Stopwatch.StartNew();

        var exception = await Assert.ThrowsAsync<TimeoutRejectedException>(() => calls.RetryAsync(never, n => n.Task, CancellationToken.None));

        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(450), TimeSpan.FromMilliseconds(3000));
        Assert.True(ClusterErrors.IsTransient(exception));
    }

    [Fact]
    public async Task The_budget_comes_from_configuration_and_defaults_to_the_response_timeout()
    {
        Assert.Equal(TimeSpan.FromSeconds(5), new RegistryClusterOptions().EffectiveRetryBudget());
        Assert.Equal(TimeSpan.FromSeconds(9), new RegistryClusterOptions { ResponseTimeoutSeconds = 9 }.EffectiveRetryBudget());
        Assert.Equal(TimeSpan.FromSeconds(1.5), new RegistryClusterOptions { RetryBudgetSeconds = 1.5 }.EffectiveRetryBudget());

        var calls = Services(budgetSeconds: "0.6").GetRequiredService<GrainCalls>();
        await calls.RetryAsync(0, Task.FromResult, CancellationToken.None); // JIT (both paths) outside the measured time
        await Assert.ThrowsAnyAsync<Exception>(() => calls.RetryAsync(0, _ => Task.FromException<int>(new SiloUnavailableException()), CancellationToken.None));
        var attempts = 0;
        var clock = Stopwatch.StartNew();
        await Assert.ThrowsAnyAsync<Exception>(() => calls.RetryAsync(0, _ =>
        {
            Interlocked.Increment(ref attempts);
            return Task.FromException<int>(new SiloUnavailableException());
        }, CancellationToken.None));

        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(450), TimeSpan.FromMilliseconds(3000));
        Assert.True(attempts >= 2, $"{attempts} attempts");
    }

    public static TheoryData<Exception> NotRetried() =>
    [
        new TimeoutException("Response did not arrive on time"),
        new InvalidOperationException("a bug"),
        new IOException("storage connection reset"),
        new Orleans.Storage.InconsistentStateException("etag mismatch"),
        new GatewayTooBusyException(),
        new AggregateException(new SiloUnavailableException()),
    ];

    [Theory]
    [MemberData(nameof(NotRetried))]
    public async Task Other_failures_are_not_retried(Exception failure)
    {
        var calls = Services(budgetSeconds: "5").GetRequiredService<GrainCalls>();
        var attempts = 0;

        var thrown = await Assert.ThrowsAnyAsync<Exception>(() => calls.RetryAsync(failure, f =>
        {
            Interlocked.Increment(ref attempts);
            return Task.FromException(f);
        }, CancellationToken.None));

        Assert.Same(failure, thrown);
        Assert.Equal(1, attempts);
    }

    [Fact]
    public async Task The_silos_cancellation_is_retried_but_an_aborted_request_is_not()
    {
        var calls = Services(budgetSeconds: "5").GetRequiredService<GrainCalls>();
        var attempts = 0;
        var answer = await calls.RetryAsync(0, _ => ++attempts == 1
            ? Task.FromException<int>(new OperationCanceledException("Message expired before placement could complete"))
            : Task.FromResult(7), CancellationToken.None);
        Assert.Equal((7, 2), (answer, attempts));

        using var aborted = new CancellationTokenSource();
        attempts = 0;
        await Assert.ThrowsAsync<SiloUnavailableException>(() => calls.RetryAsync(aborted, a =>
        {
            attempts++;
            a.Cancel();
            return Task.FromException(new SiloUnavailableException());
        }, aborted.Token));
        Assert.Equal(1, attempts);

        // A request aborted while a bounded attempt is in flight (a retry, or any attempt when the budget is shorter than
        // Orleans' response timeout) stops waiting for it at once.
        var bounded = Services(budgetSeconds: "2").GetRequiredService<GrainCalls>();
        using var abort = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        var clock = Stopwatch.StartNew();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => bounded.RetryAsync(new TaskCompletionSource(), t => t.Task, abort.Token));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1.5), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task All_the_grain_calls_of_one_request_share_its_budget()
    {
        var calls = Services(budgetSeconds: "5").GetRequiredService<GrainCalls>();
        await calls.RetryAsync(0, Task.FromResult, CancellationToken.None); // JIT outside the measured time
        var attempts = 0;
        var clock = Stopwatch.StartNew();

        // As the gateway's pipeline does at the start of a request; the request has 300 ms left of it.
        RequestDeadline.Start(TimeSpan.FromMilliseconds(300));
        await Assert.ThrowsAsync<SiloUnavailableException>(() => calls.RetryAsync(0, _ =>
        {
            Interlocked.Increment(ref attempts);
            return Task.FromException<int>(new SiloUnavailableException());
        }, CancellationToken.None));

        // Not the 5 s of a call of its own: the retries stop when the request's budget is spent.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"took {clock.Elapsed}");
        Assert.True(attempts >= 2, $"{attempts} attempts");
    }

    [Fact]
    public void Each_wait_grows_with_jitter_and_is_cut_to_leave_the_budget_time_for_its_retry()
    {
        var plenty = TimeSpan.FromSeconds(10);
        Assert.InRange(GrainCallPipeline.Delay(0, plenty), TimeSpan.FromMilliseconds(25), TimeSpan.FromMilliseconds(50));
        Assert.InRange(GrainCallPipeline.Delay(3, plenty), TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(400));
        Assert.InRange(GrainCallPipeline.Delay(30, plenty), GrainCallPipeline.MaxDelay / 2, GrainCallPipeline.MaxDelay);

        // 120 ms left: at most 70 ms of waiting, so the retry has 50 ms; none left: no waiting.
        Assert.InRange(GrainCallPipeline.Delay(30, TimeSpan.FromMilliseconds(120)), TimeSpan.Zero, TimeSpan.FromMilliseconds(70));
        Assert.Equal(TimeSpan.Zero, GrainCallPipeline.Delay(5, TimeSpan.FromMilliseconds(-3)));
    }

    [Fact]
    public void Only_the_failures_that_mean_the_silo_went_away_are_retried()
    {
        Assert.True(ClusterErrors.MeansSiloGone(new SiloUnavailableException(), CancellationToken.None));
        Assert.True(ClusterErrors.MeansSiloGone(new Orleans.Runtime.Messaging.ConnectionFailedException("no gateway"), CancellationToken.None));
        Assert.True(ClusterErrors.MeansSiloGone(new OperationCanceledException(), CancellationToken.None));
        Assert.False(ClusterErrors.MeansSiloGone(new OperationCanceledException(), new CancellationToken(canceled: true)));
        Assert.False(ClusterErrors.MeansSiloGone(new TimeoutException(), CancellationToken.None));
        Assert.False(ClusterErrors.MeansSiloGone(new OrleansException("a grain's own failure"), CancellationToken.None));
        Assert.False(ClusterErrors.MeansSiloGone(new Orleans.Storage.InconsistentStateException(), CancellationToken.None));

        // Still answered 503 (unchanged), and so is a spent budget.
        Assert.True(ClusterErrors.IsTransient(new TimeoutException()));
        Assert.True(ClusterErrors.IsTransient(new TimeoutRejectedException()));
    }

    private static ServiceProvider Services(string budgetSeconds)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddOptions<RegistryOptions>().Configure(o => o.Cluster.RetryBudgetSeconds = double.Parse(budgetSeconds, System.Globalization.CultureInfo.InvariantCulture));
        services.AddGrainCalls();
        return services.BuildServiceProvider();
    }
}
