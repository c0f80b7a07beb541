using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Registry.Grains.Tenants;

namespace Registry.Silo.Hosting.Tenancy;

/// <summary>Logs the served tenants at startup, and warns loudly while a tenant uses the default bootstrap admin secret.</summary>
internal sealed partial class TenantConfigurationReporter(TenantDirectory tenants, ILogger<TenantConfigurationReporter> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var tenant in tenants.All)
        {
            LogTenant(logger, tenant.Name, tenant.AdminClientId, tenant.Policy.AllowedScopes);
            if (tenant.UsesDefaultAdminSecret)
            {
                LogDefaultSecret(logger, tenant.Name, tenant.Name);
            }
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Tenant '{Tenant}': admin client '{AdminClientId}', allowed scopes: {Scopes}")]
    private static partial void LogTenant(ILogger logger, string tenant, string adminClientId, IReadOnlyList<string> scopes);

    [LoggerMessage(Level = LogLevel.Warning, Message =
        "SECURITY WARNING: tenant '{Tenant}' uses the default bootstrap admin secret. Anyone who knows it can register clients. " +
        "Set Registry:Tenants:{TenantKey}:AdminClientSecret (environment: Registry__Tenants__<tenant>__AdminClientSecret) before exposing this server.")]
    private static partial void LogDefaultSecret(ILogger logger, string tenant, string tenantKey);
}
