using System.Diagnostics.Metrics;
using Registry.Protocol.Telemetry;

namespace Registry.Grains.Telemetry;

/// <summary>
/// Registry's instruments counted inside grains (meter "Registry", exported as registry_*): one per silo, taken by
/// the grains from the silo's services. Tags are low-cardinality (the tenant), never a client id.
/// </summary>
public sealed class GrainMetrics
{
    private readonly Counter<long> _openClientsRemoved;

    public GrainMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        _openClientsRemoved = meters.Create(RegistryTelemetry.MeterName).CreateCounter<long>(
            "registry.open_clients.removed", "{client}", "Clients registered in open mode and removed because they completed no authorization in time");
    }

    public void OpenClientRemoved(string tenant) => _openClientsRemoved.Add(1, new KeyValuePair<string, object?>(RegistryTelemetry.Tenant, tenant));
}
