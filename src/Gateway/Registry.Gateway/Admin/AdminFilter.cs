using System.Diagnostics;
using Registry.Gateway.Http;
using Registry.Gateway.Telemetry;
using Registry.Gateway.Tokens;
using Registry.Protocol.Errors;
using Registry.Protocol.Telemetry;
using Registry.Protocol.Tenancy;

namespace Registry.Gateway.Admin;

/// <summary>
/// In front of every admin endpoint: only on the admin listener and with an operator configured (else 404, as if
/// the path did not exist); the operator's bearer token with the registry:admin scope (except at /admin/token);
/// afterwards a metric and an audit event naming the operator, the tenant and the target.
/// </summary>
internal sealed class AdminFilter(AdminListener listener, OperatorClient operatorClient, OperatorTokens tokens, GatewayMetrics metrics, ILoggerFactory loggers)
    : IEndpointFilter
{
    private readonly ILogger _audit = loggers.CreateLogger(RegistryTelemetry.AuditCategory);

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var operation = http.GetEndpoint()?.Metadata.GetMetadata<AdminOperation>() ?? new AdminOperation("admin");
        var admin = new AdminContext();
        http.Features.Set(admin);
        OAuthError? error = null;
        try
        {
            if (!listener.Admits(http) || !operatorClient.Enabled)
            {
                error = OAuthError.InvalidRequest(ErrorIds.AdminDisabled, "not found");
                return new OAuthErrorResult(error, EndpointKind.Other);
            }

            if (operation.Name != AdminOperation.Token)
            {
                error = await AuthenticateAsync(http, admin);
                if (error is not null)
                {
                    return new OAuthErrorResult(error, EndpointKind.Admin);
                }
            }

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
            metrics.RecordAdmin(operation.Name, error?.Code);
            // Limits are audited in aggregate; knocks on a closed admin API (scanners) only count in the metric.
            if ((error is null || !ErrorIds.IsLimit(error.Id) && error.Id != ErrorIds.AdminDisabled) && _audit.IsEnabled(LogLevel.Information))
            {
                // Raw path input is logged only when it is a valid tenant name.
                var tenant = http.GetRouteValue("tenant") is string name && TenantNames.IsValid(name) ? name : null;
                var trace = Activity.Current?.TraceId.ToHexString() ?? TraceParent.TraceId(http.Request) ?? http.TraceIdentifier;
                var ip = http.Connection.RemoteIpAddress?.ToString();
                var outcome = error is null ? RegistryTelemetry.Success : RegistryTelemetry.Failure;
                AuditLog.Admin(_audit, operation.Name, admin.OperatorId, tenant, admin.Target, outcome, error?.Code, error?.Id, ip, trace);
            }
        }
    }

    private async Task<OAuthError?> AuthenticateAsync(HttpContext http, AdminContext admin)
    {
        if (BearerTokenValidator.ReadBearer(http.Request) is not { } token)
        {
            return OAuthError.InvalidToken(ErrorIds.AdminBearerMissing, "an operator access token (POST /admin/token) is required");
        }

        var validated = await tokens.ValidateAsync(http.Request, token);
        if (!validated.IsSuccess)
        {
            return validated.Error;
        }

        admin.OperatorId = validated.Value;
        return null;
    }
}
