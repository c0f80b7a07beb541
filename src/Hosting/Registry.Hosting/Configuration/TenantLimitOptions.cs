namespace Registry.Hosting.Configuration;

/// <summary>
/// One tenant's limits against abuse ("Registry:Tenants:{name}:Limits"); unset values take the defaults of
/// the protocol core's ThrottlePolicy, so every limit is on unless raised.
/// </summary>
public sealed class TenantLimitOptions
{
    /// <summary>Sustained registrations per second for the whole tenant, cluster-wide (default 10).</summary>
    public double? RegistrationsPerSecond { get; set; }

    /// <summary>Registrations admitted at once before the rate applies (default 100).</summary>
    public int? RegistrationBurst { get; set; }

    /// <summary>Sustained token requests per second of one client, cluster-wide (default 20).</summary>
    public double? TokenRequestsPerSecond { get; set; }

    /// <summary>Token requests of one client admitted at once (default 100).</summary>
    public int? TokenBurst { get; set; }

    /// <summary>Failed secret or registration-token checks of one client id before it backs off (default 5).</summary>
    public int? ClientFailuresBeforeBackoff { get; set; }

    /// <summary>Failed authentications from one source address before it backs off (default 20).</summary>
    public int? AddressFailuresBeforeBackoff { get; set; }

    /// <summary>The first back-off in seconds, doubled by each further failure (default 1).</summary>
    public int? BackoffSeconds { get; set; }

    /// <summary>The longest back-off in seconds (default 900).</summary>
    public int? MaxBackoffSeconds { get; set; }
}
