namespace Registry.Grains.Abstractions;

/// <summary>Whether a limit lets a request through; when not, which limit and for how long.</summary>
[GenerateSerializer, Immutable]
[Alias("Registry.Admission")]
public sealed record Admission(
    [property: Id(0)] AdmissionStatus Status,
    [property: Id(1)] TimeSpan RetryAfter)
{
    public static readonly Admission Granted = new(AdmissionStatus.Granted, TimeSpan.Zero);

    public static readonly Admission UnknownTenant = new(AdmissionStatus.Unknown, TimeSpan.Zero);

    public static readonly Admission QuotaReached = new(AdmissionStatus.QuotaReached, TimeSpan.Zero);

    public static readonly Admission Refused = new(AdmissionStatus.Refused, TimeSpan.Zero);

    public static Admission Throttled(AdmissionStatus status, TimeSpan retryAfter) => new(status, retryAfter);

    public bool IsGranted => Status == AdmissionStatus.Granted;
}
