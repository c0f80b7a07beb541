using System.Net;
using Microsoft.Extensions.Options;

namespace Registry.Hosting.Configuration;

/// <summary>
/// Startup validation of Registry:Cluster; every problem is reported, each naming its key.
/// <paramref name="environmentName"/>: the host environment (null: not known, the environment rules are skipped).
/// </summary>
public sealed class RegistryClusterOptionsValidator(string? environmentName = null) : IValidateOptions<RegistryClusterOptions>
{
    public ValidateOptionsResult Validate(string? name, RegistryClusterOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        const string Key = RegistryClusterOptions.Section;
        var failures = new List<string>();
        if (options.SiloPort is < 1 or > 65535 || options.GatewayPort is < 1 or > 65535 || options.SiloPort == options.GatewayPort)
        {
            failures.Add($"{Key}: SiloPort ({options.SiloPort}) and GatewayPort ({options.GatewayPort}) must be distinct ports 1-65535");
        }

        if (string.IsNullOrWhiteSpace(options.ClusterId) || string.IsNullOrWhiteSpace(options.ServiceId))
        {
            failures.Add($"{Key}: ClusterId and ServiceId must not be empty");
        }

        if (options.Clustering == ClusteringKind.Redis && string.IsNullOrWhiteSpace(options.RedisConnectionString))
        {
            failures.Add($"{Key}:RedisConnectionString is required for Redis clustering");
        }

        if (options.Mode == ClusterMode.Client && options.Clustering != ClusteringKind.Redis)
        {
            failures.Add($"{Key}:Mode Client needs Clustering Redis (a client finds silos through the membership table)");
        }

        if (options.Kubernetes.Enabled && options.Clustering != ClusteringKind.Redis)
        {
            failures.Add($"{Key}:Kubernetes:Enabled needs Clustering Redis (Kubernetes hosting watches pods; membership stays in Redis)");
        }

        if (options.Storage == StorageKind.AzureTable && string.IsNullOrWhiteSpace(options.AzureTableConnectionString))
        {
            failures.Add($"{Key}:AzureTableConnectionString is required for AzureTable storage");
        }

        if (options.AdvertisedIPAddress is { } address && !IPAddress.TryParse(address, out _))
        {
            failures.Add($"{Key}:AdvertisedIPAddress '{address}' is not an IP address");
        }

        if (options.IdleClientMinutes is < 1 or > 1440)
        {
            failures.Add($"{Key}:IdleClientMinutes must be between 1 and 1440");
        }

        if (options.ResponseTimeoutSeconds is < 1 or > 120)
        {
            failures.Add($"{Key}:ResponseTimeoutSeconds must be between 1 and 120");
        }

        if (options.RetryBudgetSeconds is { } budget && !(budget > 0 && budget <= RegistryClusterOptions.MaxRetryBudgetSeconds))
        {
            failures.Add($"{Key}:RetryBudgetSeconds must be more than 0 and at most {RegistryClusterOptions.MaxRetryBudgetSeconds}");
        }

        var membership = options.Membership;
        if (membership.ProbeTimeoutSeconds <= 0 || membership.TableRefreshSeconds <= 0 || membership.NumMissedProbesLimit < 1 || membership.NumVotesForDeathDeclaration < 1)
        {
            failures.Add($"{Key}:Membership: timings must be positive and limits at least 1");
        }

        ValidateTls(options, failures);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private void ValidateTls(RegistryClusterOptions options, List<string> failures)
    {
        const string Key = RegistryClusterTlsOptions.Section;
        var tls = options.Tls;
        if (tls.IsEnabled)
        {
            foreach (var (setting, value) in new[] { ("CertificatePath", tls.CertificatePath), ("KeyPath", tls.KeyPath), ("CaPath", tls.CaPath) })
            {
                if (string.IsNullOrWhiteSpace(value))
                {
                    failures.Add($"{Key}:{setting} is required when {Key}:Enabled is true");
                }
            }
        }

        // A cluster reachable over the network must not run an unauthenticated transport by accident: outside
        // Development, Redis clustering needs an explicit choice (false is a conscious opt-out, logged as a warning).
        if (environmentName is not null && !string.Equals(environmentName, "Development", StringComparison.OrdinalIgnoreCase)
            && options.Clustering == ClusteringKind.Redis && tls.Enabled is null)
        {
            failures.Add($"{Key}:Enabled must be set explicitly with Redis clustering outside Development: true (with CertificatePath, KeyPath and CaPath) " +
                "for mutually authenticated TLS between silos and gateways, or false to accept an unauthenticated cluster transport");
        }
    }
}
