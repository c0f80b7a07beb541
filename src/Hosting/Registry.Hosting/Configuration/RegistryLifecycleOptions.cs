namespace Registry.Hosting.Configuration;

/// <summary>"Registry:Lifecycle": cluster-wide settings of the credential and client lifecycle (the periods themselves are per tenant).</summary>
public sealed class RegistryLifecycleOptions
{
    public const string Section = RegistryOptions.Section + ":Lifecycle";

    /// <summary>The shortest sweep interval: Orleans reminders tick at most once a minute.</summary>
    public const int MinIdleSweepIntervalSeconds = 60;

    /// <summary>The longest sweep interval: a day (idle periods are meant in days).</summary>
    public const int MaxIdleSweepIntervalSeconds = 86_400;

    /// <summary>
    /// How often each tenant whose policy disables or deletes idle clients is swept (an Orleans reminder per
    /// tenant); a client is reaped at most this long after its time has come.
    /// </summary>
    public int IdleSweepIntervalSeconds { get; set; } = 3600;
}
