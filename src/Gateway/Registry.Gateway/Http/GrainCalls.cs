using Microsoft.Extensions.Options;
using Polly;
using Polly.Timeout;
using Registry.Hosting.Configuration;

namespace Registry.Gateway.Http;

/// <summary>
/// Every grain call of the gateway goes through the "registry-grain-calls" resilience pipeline
/// (<see cref="GrainCallPipeline"/>): retried with exponential, jittered back-off while the silo it went to is gone
/// (<see cref="ClusterErrors.MeansSiloGone"/>), within a deadline budget for the whole call, retries included
/// (Registry:Cluster:RetryBudgetSeconds, by default the response timeout). After that the failure propagates and is
/// answered 503 with Retry-After. Every Registry grain operation is idempotent, so a retry is safe — except the
/// counters of limits (a quota reservation, a failed-authentication count), where a retry after a lost answer can
/// count one extra: on the safe side. A singleton: one pipeline per host (never shared through a static).
/// </summary>
/// <remarks>
/// The budget holds without a timer on the hot path: a first attempt is bounded by Orleans' response timeout, which the
/// budget defaults to (a shorter budget bounds it too); a retry is bounded by what is left of the budget, and abandoned
/// (its answer ignored) when that runs out or the request is aborted.
/// </remarks>
internal sealed class GrainCalls
{
    private readonly ResiliencePipeline _pipeline;

    private readonly bool _boundFirstAttempt;

    public GrainCalls(IOptions<RegistryOptions> options, Telemetry.GatewayMetrics? metrics)
    {
        var cluster = options.Value.Cluster;
        var budget = cluster.EffectiveRetryBudget();
        _boundFirstAttempt = budget < TimeSpan.FromSeconds(cluster.ResponseTimeoutSeconds);
        _pipeline = GrainCallPipeline.Configure(new ResiliencePipelineBuilder { Name = GrainCallPipeline.Name }, budget, metrics is null ? null : args =>
        {
            metrics.RecordGrainCallRetry(args.Outcome.Exception);
            return ValueTask.CompletedTask;
        }).Build();
    }

    /// <summary>Calls <paramref name="call"/> with <paramref name="state"/>, retried as above.</summary>
    public async Task<T> RetryAsync<TState, T>(TState state, Func<TState, Task<T>> call, CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        try
        {
            return await _pipeline.ExecuteAsync(
                static (context, s) =>
                {
                    var task = s.Call(s.State);
                    return task.IsCompleted || !(s.BoundFirst || context.Properties.TryGetValue(GrainCallPipeline.Retrying, out _))
                        ? new ValueTask<T>(task)
                        : BoundedAsync(task, context);
                },
                context,
                (State: state, Call: call, BoundFirst: _boundFirstAttempt));
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    /// <inheritdoc cref="RetryAsync{TState, T}(TState, Func{TState, Task{T}}, CancellationToken)"/>
    public Task RetryAsync<TState>(TState state, Func<TState, Task> call, CancellationToken cancellationToken) =>
        RetryAsync((State: state, Call: call), static async s =>
        {
            await s.Call(s.State);
            return true;
        }, cancellationToken);

    /// <summary>Waits for <paramref name="task"/> no longer than the budget has left, nor past the request's end.</summary>
    private static async ValueTask<T> BoundedAsync<T>(Task<T> task, ResilienceContext context)
    {
        var remaining = GrainCallPipeline.Remaining(context);
        try
        {
            return await task.WaitAsync(remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero, context.CancellationToken);
        }
        catch (TimeoutException) when (!task.IsCompleted)
        {
            throw new TimeoutRejectedException("The grain call's retry budget ran out before it answered.", remaining);
        }
    }
}
