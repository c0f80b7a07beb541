using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Registry.Silo.Hosting;

/// <summary>A silo is ready when the cluster's membership lists it as active.</summary>
public sealed class SiloReadinessCheck(IClusterMembershipService membership, ILocalSiloDetails local) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var status = membership.CurrentSnapshot.GetSiloStatus(local.SiloAddress);
        var active = membership.CurrentSnapshot.Members.Values.Count(m => m.Status == SiloStatus.Active);
        return Task.FromResult(status == SiloStatus.Active
            ? HealthCheckResult.Healthy($"active; {active} active silo(s) in the cluster")
            : HealthCheckResult.Unhealthy($"silo status {status}"));
    }
}
