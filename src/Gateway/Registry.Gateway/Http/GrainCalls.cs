using Polly;
using Polly.Registry;

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
internal sealed class GrainCalls(ResiliencePipelineProvider<string> pipelines)
{
    private readonly ResiliencePipeline _pipeline = pipelines.GetPipeline(GrainCallPipeline.Name);

    /// <summary>
    /// Calls <paramref name="call"/> with <paramref name="state"/>, retried as above. The grain call itself takes no
    /// token: when <paramref name="cancellationToken"/> (the request's) or the budget ends, the call is abandoned
    /// (its answer ignored), never retried.
    /// </summary>
    public async Task<T> RetryAsync<TState, T>(TState state, Func<TState, Task<T>> call, CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        try
        {
            return await _pipeline.ExecuteAsync(
                static (context, s) => new ValueTask<T>(s.Call(s.State).WaitAsync(context.CancellationToken)),
                context,
                (State: state, Call: call));
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    /// <inheritdoc cref="RetryAsync{TState, T}(TState, Func{TState, Task{T}}, CancellationToken)"/>
    public async Task RetryAsync<TState>(TState state, Func<TState, Task> call, CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        try
        {
            await _pipeline.ExecuteAsync(
                static (context, s) => new ValueTask(s.Call(s.State).WaitAsync(context.CancellationToken)),
                context,
                (State: state, Call: call));
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }
}
