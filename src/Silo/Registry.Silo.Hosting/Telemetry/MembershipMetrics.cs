using System.Diagnostics.Metrics;
using Microsoft.Extensions.Hosting;
using Registry.Protocol.Telemetry;

namespace Registry.Silo.Hosting.Telemetry;

/// <summary>
/// "registry.silos.active": the active silos in this silo's membership view (Orleans exports no cluster-size
/// instrument). Every silo reports it; dashboards take the max.
/// </summary>
internal sealed class MembershipMetrics : IHostedService
{
    public MembershipMetrics(IMeterFactory meters, IClusterMembershipService membership) =>
        meters.Create(RegistryTelemetry.MeterName).CreateObservableGauge(
            "registry.silos.active",
            () => membership.CurrentSnapshot.Members.Values.Count(m => m.Status == SiloStatus.Active),
            unit: "{silo}",
            description: "Active silos in the cluster, as this silo sees the membership table");

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
