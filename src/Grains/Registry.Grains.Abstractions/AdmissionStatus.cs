namespace Registry.Grains.Abstractions;

/// <summary>The answer of a limit.</summary>
[GenerateSerializer]
[Alias("Registry.AdmissionStatus")]
public enum AdmissionStatus
{
    Granted = 0,

    /// <summary>The tenant does not exist.</summary>
    Unknown = 1,

    /// <summary>The tenant holds as many clients as its quota allows.</summary>
    QuotaReached = 2,

    /// <summary>The tenant's registration rate is spent for now.</summary>
    RegistrationRate = 3,

    /// <summary>The subject failed authentication too often and backs off.</summary>
    Backoff = 4,

    /// <summary>The client's token request rate is spent for now.</summary>
    TokenRate = 5,

    /// <summary>The credentials were wrong (counted towards the back-off).</summary>
    Refused = 6,
}
