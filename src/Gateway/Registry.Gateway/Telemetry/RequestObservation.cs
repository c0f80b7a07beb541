using Registry.Gateway.Tenancy;

namespace Registry.Gateway.Telemetry;

/// <summary>What a handler learned about the request, for metrics, spans and the audit log.</summary>
internal sealed class RequestObservation(string endpoint)
{
    public const string Admin = "admin";
    public const string Client = "client";
    public const string Unknown = "unknown";

    public string Endpoint { get; } = endpoint;

    /// <summary>The client the request was about, when the tenant issued it (its MAC verifies; never raw input).</summary>
    public string? ClientId { get; private set; }

    /// <summary>"admin", "client" or "unknown": low-cardinality, for the tokens metric.</summary>
    public string ClientKind { get; private set; } = Unknown;

    /// <summary>"client_credentials" once the token request parsed, else "unknown" (raw grant types never become labels).</summary>
    public string GrantType { get; set; } = Unknown;

    public void SetClient(string clientId, TenantRuntime tenant)
    {
        if (clientId == tenant.AdminClientId)
        {
            (ClientId, ClientKind) = (clientId, Admin);
        }
        else if (tenant.Identifiers.IsClientId(clientId))
        {
            (ClientId, ClientKind) = (clientId, Client);
        }
    }
}
