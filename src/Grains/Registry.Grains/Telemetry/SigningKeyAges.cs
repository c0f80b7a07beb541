using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Registry.Protocol.Telemetry;

namespace Registry.Grains.Telemetry;

/// <summary>
/// The "registry.signing_key.age" gauge (exported as registry_signing_key_age_seconds): per tenant, how long its
/// current signing key has signed. The silo holding the tenant's grain reports it (the grain sets its keys'
/// activation times here); the age is taken when observed, so a pre-published key taking over shows at once.
/// </summary>
public sealed class SigningKeyAges
{
    private readonly ConcurrentDictionary<string, DateTimeOffset[]> _activations = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;

    public SigningKeyAges(IMeterFactory meters, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(meters);
        _time = time;
        meters.Create(RegistryTelemetry.MeterName).CreateObservableGauge(
            "registry.signing_key.age", Observe, unit: "s", description: "Age of each tenant's current signing key");
    }

    /// <summary>The activation times of a tenant's keys (any order).</summary>
    public void Set(string tenant, IEnumerable<DateTimeOffset> activations) => _activations[tenant] = [.. activations];

    public void Remove(string tenant) => _activations.TryRemove(tenant, out _);

    /// <summary>The age of a tenant's current key at <paramref name="now"/>, null when it has none active.</summary>
    public double? AgeSeconds(string tenant, DateTimeOffset now)
    {
        if (!_activations.TryGetValue(tenant, out var activations))
        {
            return null;
        }

        DateTimeOffset? current = null;
        foreach (var activation in activations)
        {
            if (activation <= now && (current is null || activation > current))
            {
                current = activation;
            }
        }

        return current is { } c ? (now - c).TotalSeconds : null;
    }

    private IEnumerable<Measurement<double>> Observe()
    {
        var now = _time.GetUtcNow();
        foreach (var tenant in _activations.Keys)
        {
            if (AgeSeconds(tenant, now) is { } age)
            {
                yield return new Measurement<double>(age, new KeyValuePair<string, object?>(RegistryTelemetry.Tenant, tenant));
            }
        }
    }
}
