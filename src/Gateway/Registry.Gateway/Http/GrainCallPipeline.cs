using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;
using Polly.Timeout;
using Registry.Hosting.Configuration;

namespace Registry.Gateway.Http;

/// <summary>
/// The "registry-grain-calls" resilience pipeline: an outer timeout (the retry budget) around a retry of the
/// failures that mean "the silo went away". Its telemetry is Polly's (meter "Polly", exported on /metrics as
/// resilience_polly_*, labelled pipeline_name="registry-grain-calls").
/// </summary>
internal static class GrainCallPipeline
{
    public const string Name = "registry-grain-calls";

    /// <summary>The first retry waits about this long; each next one about twice as long (jittered), up to <see cref="MaxDelay"/>.</summary>
    public static readonly TimeSpan BaseDelay = TimeSpan.FromMilliseconds(50);

    public static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(1);

    /// <summary>More than the budget lets happen at the default 5 s: the budget is what ends the retries.</summary>
    public const int MaxRetryAttempts = 10;

    public static IServiceCollection AddGrainCalls(this IServiceCollection services, string instanceName)
    {
        services.AddResilienceEnricher();
        services.AddResiliencePipeline(Name, (builder, context) =>
        {
            var cluster = context.ServiceProvider.GetRequiredService<IOptions<RegistryOptions>>().Value.Cluster;
            builder.InstanceName = instanceName;
            Configure(builder, cluster.EffectiveRetryBudget());
        });
        services.AddSingleton<GrainCalls>();
        return services;
    }

    /// <summary>
    /// The strategies, outermost first: the budget (a timeout over the whole call, retries and their delays included:
    /// the call is abandoned when it expires) and the retry (exponential back-off with jitter, only on
    /// <see cref="ClusterErrors.MeansSiloGone"/>, never once the request was aborted or the budget spent).
    /// </summary>
    public static ResiliencePipelineBuilder Configure(ResiliencePipelineBuilder builder, TimeSpan budget, Func<OnRetryArguments<object>, ValueTask>? onRetry = null) =>
        builder
            .AddTimeout(new TimeoutStrategyOptions { Name = "budget", Timeout = budget })
            .AddRetry(new RetryStrategyOptions
            {
                Name = "retry",
                // The context's token is the request's linked with the budget: once either ended, nothing is retried.
                ShouldHandle = static args => new ValueTask<bool>(
                    args.Outcome.Exception is { } exception
                    && !args.Context.CancellationToken.IsCancellationRequested
                    && ClusterErrors.MeansSiloGone(exception, args.Context.CancellationToken)),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = BaseDelay,
                MaxDelay = MaxDelay,
                MaxRetryAttempts = MaxRetryAttempts,
                OnRetry = onRetry,
            });
}
