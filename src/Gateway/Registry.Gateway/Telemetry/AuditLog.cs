using Microsoft.Extensions.Logging;

namespace Registry.Gateway.Telemetry;

/// <summary>
/// The audit trail on its own logger category ("Registry.Audit"): one event per registration, read, update,
/// delete and failed authentication, with tenant, client_id, outcome (and for refusals the OAuth error code and the
/// stable error id), caller IP and trace id. Tokens issued
/// successfully are logged at Debug only: they are the highest-volume event and carry no state change. It never
/// carries a secret, a token or a header; client ids that were not issued by Registry are logged as absent.
/// </summary>
internal static partial class AuditLog
{
    [LoggerMessage(EventId = 1000, Level = LogLevel.Information,
        Message = "audit {Operation} tenant={Tenant} client_id={ClientId} outcome={Outcome} ip={CallerIp} trace_id={TraceId}")]
    public static partial void Succeeded(ILogger logger, string operation, string tenant, string? clientId, string outcome, string? callerIp, string? traceId);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Debug,
        Message = "audit {Operation} tenant={Tenant} client_id={ClientId} outcome={Outcome} ip={CallerIp} trace_id={TraceId}")]
    public static partial void TokenIssued(ILogger logger, string operation, string tenant, string? clientId, string outcome, string? callerIp, string? traceId);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information,
        Message = "audit {Operation} tenant={Tenant} client_id={ClientId} outcome={Outcome} error={Error} error_id={ErrorId} ip={CallerIp} trace_id={TraceId}")]
    public static partial void Refused(ILogger logger, string operation, string tenant, string? clientId, string outcome, string error, string errorId, string? callerIp, string? traceId);

    /// <summary>Failed authentication (invalid_client, invalid_token, insufficient_scope): a warning, for alerting.</summary>
    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning,
        Message = "audit {Operation} authentication failed tenant={Tenant} client_id={ClientId} outcome={Outcome} error={Error} error_id={ErrorId} ip={CallerIp} trace_id={TraceId}")]
    public static partial void AuthenticationFailed(ILogger logger, string operation, string tenant, string? clientId, string outcome, string error, string errorId, string? callerIp, string? traceId);

    /// <summary>An admin API call, naming the operator (the subject of its token; absent when it had none that verified).</summary>
    [LoggerMessage(EventId = 1010, Level = LogLevel.Information,
        Message = "audit admin {Operation} operator={Operator} tenant={Tenant} target={Target} outcome={Outcome} error={Error} error_id={ErrorId} ip={CallerIp} trace_id={TraceId}")]
    public static partial void Admin(ILogger logger, string operation, string? @operator, string? tenant, string? target, string outcome, string? error, string? errorId, string? callerIp, string? traceId);
}
