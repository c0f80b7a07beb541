using Polly;

namespace Registry.Gateway.Http;

/// <summary>The options of <see cref="RetryBudgetStrategy"/> (its name in Polly's telemetry).</summary>
internal sealed class RetryBudgetStrategyOptions : ResilienceStrategyOptions
{
    public RetryBudgetStrategyOptions() => Name = "budget";
}
