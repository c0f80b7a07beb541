using System.Diagnostics;
using Registry.Gateway.Http;
using Registry.Gateway.Tenancy;
using Registry.Protocol.Errors;
using Registry.Protocol.Telemetry;

namespace Registry.Gateway.Telemetry;

/// <summary>
/// Wraps every observed OAuth endpoint (outside tenant resolution, so unknown tenants count too): times it,
/// then from its result records the metrics, tags the request span (tenant, outcome, error code and id, client id)
/// and writes the audit event. Handlers only note which client the request was about.
/// </summary>
internal sealed class ObservationFilter(GatewayMetrics metrics, ThrottleAudit throttles, ILoggerFactory loggers) : IEndpointFilter
{
    private readonly ILogger _audit = loggers.CreateLogger(RegistryTelemetry.AuditCategory);

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (http.GetEndpoint()?.Metadata.GetMetadata<ObservedEndpoint>() is not { } endpoint)
        {
            return await next(context);
        }

        var observation = new RequestObservation(endpoint.Name);
        http.Features.Set(observation);
        var started = Stopwatch.GetTimestamp();
        OAuthError? error = null;
        try
        {
            var result = await next(context);
            error = OAuthErrorResult.ErrorOf(result);
            return result;
        }
        catch (Exception exception)
        {
            error = ClusterErrors.IsTransient(exception) ? ErrorHandling.ClusterUnavailable : ErrorHandling.ServerFailure;
            throw;
        }
        finally
        {
            var tenant = http.Features.Get<TenantContext>()?.Name ?? RegistryTelemetry.UnknownTenant;
            metrics.Record(observation, tenant, error?.Code, Stopwatch.GetElapsedTime(started).TotalSeconds);
            Tag(Activity.Current, observation, tenant, error);
            if (error is not null && ErrorIds.IsLimit(error.Id))
            {
                // A flood of refusals must not flood the audit log: counted here, written in aggregate.
                metrics.RecordThrottled(tenant, observation.Endpoint, error.Id);
                throttles.Add(tenant, observation.Endpoint, error.Id, http.Connection.RemoteIpAddress?.ToString());
            }
            else
            {
                Audit(http, observation, tenant, error);
            }
        }
    }

    private static void Tag(Activity? activity, RequestObservation observation, string tenant, OAuthError? error)
    {
        if (activity is null)
        {
            return;
        }

        activity.SetTag(RegistryTelemetry.TenantAttribute, tenant);
        activity.SetTag(RegistryTelemetry.EndpointAttribute, observation.Endpoint);
        activity.SetTag(RegistryTelemetry.OutcomeAttribute, error is null ? RegistryTelemetry.Success : RegistryTelemetry.Failure);
        activity.SetTag(RegistryTelemetry.ErrorAttribute, error?.Code);
        activity.SetTag(RegistryTelemetry.ErrorIdAttribute, error?.Id);
        activity.SetTag(RegistryTelemetry.ClientIdAttribute, observation.ClientId);
    }

    private void Audit(HttpContext http, RequestObservation observation, string tenant, OAuthError? error)
    {
        var operation = observation.Endpoint;
        var kind = (operation, error?.Code) switch
        {
            (ObservedEndpoint.Metadata or ObservedEndpoint.Jwks, _) => AuditKind.None,
            // Introspection is as frequent as token issuance and changes nothing: Debug like it. A revocation is audited.
            (ObservedEndpoint.Token or ObservedEndpoint.Introspect, null) => AuditKind.TokenIssued,
            (_, null) => AuditKind.Succeeded,
            (_, OAuthErrorCodes.InvalidClient or OAuthErrorCodes.InvalidToken or OAuthErrorCodes.InsufficientScope) => AuditKind.AuthenticationFailed,
            _ => AuditKind.Refused,
        };
        if (kind == AuditKind.None || !_audit.IsEnabled(kind == AuditKind.TokenIssued ? LogLevel.Debug : LogLevel.Information))
        {
            return;
        }

        var ip = http.Connection.RemoteIpAddress?.ToString();
        var trace = Activity.Current?.TraceId.ToHexString() ?? TraceParent.TraceId(http.Request) ?? http.TraceIdentifier;
        switch (kind)
        {
            case AuditKind.TokenIssued:
                AuditLog.TokenIssued(_audit, operation, tenant, observation.ClientId, RegistryTelemetry.Success, ip, trace);
                break;
            case AuditKind.Succeeded:
                AuditLog.Succeeded(_audit, operation, tenant, observation.ClientId, RegistryTelemetry.Success, ip, trace);
                break;
            case AuditKind.AuthenticationFailed:
                AuditLog.AuthenticationFailed(_audit, operation, tenant, observation.ClientId, RegistryTelemetry.Failure, error!.Code, error.Id, ip, trace);
                break;
            default:
                AuditLog.Refused(_audit, operation, tenant, observation.ClientId, RegistryTelemetry.Failure, error!.Code, error.Id, ip, trace);
                break;
        }
    }

    private enum AuditKind
    {
        None,
        TokenIssued,
        Succeeded,
        AuthenticationFailed,
        Refused,
    }
}
