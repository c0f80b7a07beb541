namespace Registry.Protocol.Telemetry;

/// <summary>
/// Names shared by every Registry process: the meter, the audit log category and the tags. Metric tags
/// are low-cardinality by design (tenant, outcome, error code, grant type, operation) and never carry a
/// client id; spans may carry the client id, never a secret, token or Authorization header.
/// </summary>
public static class RegistryTelemetry
{
    /// <summary>Meter of Registry's own instruments; Prometheus names start with "registry_".</summary>
    public const string MeterName = "Registry";

    /// <summary>Logger category of the audit events, so operators can route them separately.</summary>
    public const string AuditCategory = "Registry.Audit";

    // Metric tag names.
    public const string Tenant = "tenant";
    public const string Outcome = "outcome";
    public const string Error = "error";
    public const string GrantType = "grant_type";
    public const string ClientKind = "client_kind";
    public const string Operation = "operation";
    public const string Endpoint = "endpoint";
    public const string Reason = "reason";

    // Span attribute names.
    public const string TenantAttribute = "registry.tenant";
    public const string EndpointAttribute = "registry.endpoint";
    public const string ClientIdAttribute = "oauth.client_id";
    public const string OutcomeAttribute = "oauth.outcome";
    public const string ErrorAttribute = "oauth.error";
    public const string ErrorIdAttribute = "oauth.error_id";

    public const string Success = "success";
    public const string Failure = "error";

    /// <summary>Label value for a tenant name that is not configured (so probing cannot create label values).</summary>
    public const string UnknownTenant = "unknown";
}
