namespace Registry.Protocol.Throttling;

/// <summary>
/// A tenant's limits against abuse, every one on by default. Rates are token buckets (a sustained rate per
/// second and a burst); failed authentication backs off exponentially per client id and per source address.
/// </summary>
public sealed record ThrottlePolicy
{
    /// <summary>Registered clients the tenant may hold, cluster-wide.</summary>
    public long MaxClients { get; init; } = 100_000;

    /// <summary>Sustained registrations per second for the whole tenant, cluster-wide.</summary>
    public double RegistrationsPerSecond { get; init; } = 10;

    public int RegistrationBurst { get; init; } = 100;

    /// <summary>Sustained token requests per second of one client (the admin client included), cluster-wide.</summary>
    public double TokenRequestsPerSecond { get; init; } = 20;

    public int TokenBurst { get; init; } = 100;

    /// <summary>Failed secret or registration-token checks of one client id before it backs off.</summary>
    public int ClientFailuresBeforeBackoff { get; init; } = 5;

    /// <summary>Failed authentications (any client, any token) from one source address before it backs off.</summary>
    public int AddressFailuresBeforeBackoff { get; init; } = 20;

    /// <summary>The first back-off; each further failure doubles it, up to <see cref="MaxBackoffSeconds"/>.</summary>
    public int BackoffSeconds { get; init; } = 1;

    public int MaxBackoffSeconds { get; init; } = 900;

    /// <summary>The back-off of one subject (a client id or an address) under this policy.</summary>
    public FailureBackoff ClientBackoff() => new(ClientFailuresBeforeBackoff, TimeSpan.FromSeconds(BackoffSeconds), TimeSpan.FromSeconds(MaxBackoffSeconds));

    public FailureBackoff AddressBackoff() => new(AddressFailuresBeforeBackoff, TimeSpan.FromSeconds(BackoffSeconds), TimeSpan.FromSeconds(MaxBackoffSeconds));
}
