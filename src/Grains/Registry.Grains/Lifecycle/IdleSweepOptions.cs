namespace Registry.Grains.Lifecycle;

/// <summary>
/// How often a tenant's idle-client sweep runs (the silo sets it from Registry:Lifecycle:IdleSweepIntervalSeconds;
/// unset, the default). A client is reaped at most one interval after its time has come.
/// </summary>
public sealed class IdleSweepOptions
{
    /// <summary>The default interval: hourly, so a pass per tenant costs little and idle periods of days are met closely.</summary>
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromHours(1);

    /// <summary>Orleans reminders tick at most once a minute.</summary>
    public static readonly TimeSpan MinInterval = TimeSpan.FromMinutes(1);

    public TimeSpan Interval { get; set; } = DefaultInterval;
}
