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

    // Idle clients (lifecycle).
    private readonly Counter<long> _clientsReaped;

    // Secret lifecycle: expired secrets presented, secrets rotated.
    private readonly Counter<long> _secretsExpired;
    private readonly Counter<long> _secretsRotated;

    public GrainMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(RegistryTelemetry.MeterName);
        _openClientsRemoved = meter.CreateCounter<long>(
            "registry.open_clients.removed", "{client}", "Clients registered in open mode and removed because they completed no authorization in time");

        // Idle clients (lifecycle).
        _clientsReaped = meter.CreateCounter<long>(
            "registry.clients.reaped", "{client}", "Clients the idle-client sweep disabled or deleted (tag action: disabled|deleted)");

        // Secret lifecycle.
        _secretsExpired = meter.CreateCounter<long>(
            "registry.client_secrets.expired", "{authentication}", "Client authentications refused because the secret (or the previous one, past its overlap) had expired");
        _secretsRotated = meter.CreateCounter<long>(
            "registry.client_secrets.rotated", "{secret}", "Client secrets rotated, by an RFC 7592 update (reason update) or an operator (reason admin)");
    }

    // Idle clients (lifecycle): the action tag's name and values.
    public const string ReapedAction = "action";

    public const string ReapedDisabled = "disabled";

    public const string ReapedDeleted = "deleted";

    public void OpenClientRemoved(string tenant) => _openClientsRemoved.Add(1, new KeyValuePair<string, object?>(RegistryTelemetry.Tenant, tenant));

    // Idle clients (lifecycle).
    public void ClientReaped(string tenant, string action) => _clientsReaped.Add(
        1, new KeyValuePair<string, object?>(RegistryTelemetry.Tenant, tenant), new KeyValuePair<string, object?>(ReapedAction, action));

    // Secret lifecycle.
    public void SecretExpired(string tenant) => _secretsExpired.Add(1, new KeyValuePair<string, object?>(RegistryTelemetry.Tenant, tenant));

    /// <summary>A secret rotated; <paramref name="reason"/>: <see cref="RotationByUpdate"/> or <see cref="RotationByAdmin"/>.</summary>
    public void SecretRotated(string tenant, string reason) =>
        _secretsRotated.Add(1, new KeyValuePair<string, object?>(RegistryTelemetry.Tenant, tenant), new KeyValuePair<string, object?>("reason", reason));

    public const string RotationByUpdate = "update";

    public const string RotationByAdmin = "admin";
}
