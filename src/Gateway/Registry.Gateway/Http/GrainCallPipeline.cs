using Polly;
using Polly.Retry;

namespace Registry.Gateway.Http;

/// <summary>
/// The "registry-grain-calls" resilience pipeline: a deadline budget per call (<see cref="RetryBudgetStrategy"/>)
/// around a retry of the failures that mean "the silo went away". Each retry is counted in
/// registry_grain_calls_retried_total.
/// </summary>
internal static class GrainCallPipeline
{
    public const string Name = "registry-grain-calls";

    /// <summary>The first retry waits about this long; each next one about twice as long (jittered), up to <see cref="MaxDelay"/>.</summary>
    public static readonly TimeSpan BaseDelay = TimeSpan.FromMilliseconds(50);

    public static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(1);

    /// <summary>More than the budget lets happen at the default 5 s: the budget is what ends the retries.</summary>
    public const int MaxRetryAttempts = 10;

    /// <summary>When the call started and when its budget ends (Stopwatch timestamps), set by <see cref="RetryBudgetStrategy"/>.</summary>
    internal static readonly ResiliencePropertyKey<long> Deadline = new("registry.grain-call.deadline");

    /// <summary>Set before a retry: the attempt that follows is bounded by what is left of the budget.</summary>
    internal static readonly ResiliencePropertyKey<bool> Retrying = new("registry.grain-call.retrying");

    /// <summary>
    /// Registers <see cref="GrainCalls"/>. Its pipeline is built by hand, not through Polly's dependency-injection
    /// registry: that one adds Polly's telemetry, which counts an event on every execution and logs each attempt with
    /// its result (a grain call's result can hold a client's new secret) at Debug.
    /// </summary>
    public static IServiceCollection AddGrainCalls(this IServiceCollection services) =>
        services.AddSingleton(sp => new GrainCalls(
            sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<Registry.Hosting.Configuration.RegistryOptions>>(),
            sp.GetService<Telemetry.GatewayMetrics>()));

    /// <summary>
    /// The strategies, outermost first: the budget (the call's deadline, with no timer of its own: a first attempt is
    /// bounded by Orleans' response timeout, a retry by what is left — see <see cref="GrainCalls"/>) and the retry
    /// (exponential back-off with jitter, only on <see cref="ClusterErrors.MeansSiloGone"/>, never once the request was
    /// aborted, and never past the deadline: each delay is cut to leave a retry time to run).
    /// </summary>
    public static ResiliencePipelineBuilder Configure(ResiliencePipelineBuilder builder, TimeSpan budget, Func<OnRetryArguments<object>, ValueTask>? onRetry = null) =>
        builder
            .AddStrategy(_ => new RetryBudgetStrategy(budget), new RetryBudgetStrategyOptions())
            .AddRetry(new RetryStrategyOptions
            {
                Name = "retry",
                ShouldHandle = static args => new ValueTask<bool>(
                    args.Outcome.Exception is { } exception
                    && !args.Context.CancellationToken.IsCancellationRequested
                    && ClusterErrors.MeansSiloGone(exception, args.Context.CancellationToken)
                    && Remaining(args.Context) > 2 * BaseDelay),
                DelayGenerator = static args => new ValueTask<TimeSpan?>(Delay(args.AttemptNumber, Remaining(args.Context))),
                MaxRetryAttempts = MaxRetryAttempts,
                OnRetry = args =>
                {
                    args.Context.Properties.Set(Retrying, true);
                    return onRetry?.Invoke(args) ?? ValueTask.CompletedTask;
                },
            });

    /// <summary>What is left of the call's budget (<see cref="TimeSpan.MaxValue"/> outside a budget).</summary>
    internal static TimeSpan Remaining(ResilienceContext context) =>
        context.Properties.TryGetValue(Deadline, out var deadline)
            ? System.Diagnostics.Stopwatch.GetElapsedTime(System.Diagnostics.Stopwatch.GetTimestamp(), deadline)
            : TimeSpan.MaxValue;

    /// <summary>
    /// The wait before retry <paramref name="attempt"/> (0 = the first): exponential (<see cref="BaseDelay"/> doubling, at
    /// most <see cref="MaxDelay"/>) with "equal jitter" (between half and all of it, at random: gateways and requests do
    /// not retry in lock-step), cut so that at least <see cref="BaseDelay"/> of the budget is left for the retry.
    /// </summary>
    internal static TimeSpan Delay(int attempt, TimeSpan remaining)
    {
        var cap = Math.Min(MaxDelay.TotalMilliseconds, BaseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attempt, 16)));
        var jittered = TimeSpan.FromMilliseconds((cap / 2) + (Random.Shared.NextDouble() * cap / 2));
        var room = remaining - BaseDelay;
        return room < jittered ? (room > TimeSpan.Zero ? room : TimeSpan.Zero) : jittered;
    }
}
