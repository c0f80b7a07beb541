using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Registry.Gateway.Hosting;

/// <summary>
/// Ready when the cluster answers and has an active silo, so a load balancer routes around a gateway
/// that has lost its cluster. Bounded: an unreachable cluster is "unhealthy" within two seconds.
/// </summary>
internal sealed class ClusterReadinessCheck(IGrainFactory grains) : IHealthCheck
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            // The management grain's call carries no token; WaitAsync bounds it and honours cancellation.
#pragma warning disable CA2016
            var hosts = await grains.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true).WaitAsync(Timeout, cancellationToken);
#pragma warning restore CA2016
            return hosts.Count > 0
                ? HealthCheckResult.Healthy($"{hosts.Count} active silo(s)")
                : HealthCheckResult.Unhealthy("no active silo");
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy("the cluster is unreachable");
        }
    }
}
