using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Registry.Hosting.Configuration;

/// <summary>Reads and validates "Registry:Cluster" while the host is being built.</summary>
public static class RegistryClusterConfiguration
{
    /// <summary>
    /// Clustering and storage shape the silo or client, so they are read and validated while building it
    /// (before Orleans reads them), failing with the same single message options validation gives.
    /// The host environment is read from the configuration's "environment" key (ASPNETCORE_ENVIRONMENT or
    /// DOTNET_ENVIRONMENT, --environment); unset means Production, as for the host itself.
    /// With TLS on, the certificate files are loaded and checked too (see <see cref="ClusterTlsCredentials.Load"/>).
    /// </summary>
    public static RegistryClusterOptions Read(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = new RegistryClusterOptions();
        configuration.GetSection(RegistryClusterOptions.Section).Bind(options);
        var environment = configuration[HostDefaults.EnvironmentKey] is { Length: > 0 } name ? name : Environments.Production;
        var result = new RegistryClusterOptionsValidator(environment).Validate(null, options);
        if (result.Failed)
        {
            throw new OptionsValidationException(RegistryClusterOptions.Section, typeof(RegistryClusterOptions), result.Failures);
        }

        if (options.Tls.IsEnabled)
        {
            using var credentials = LoadTls(options);
        }

        return options;
    }

    /// <summary>The certificates of "Registry:Cluster:Tls", for the role this process plays in the cluster (a client gateway, or a silo).</summary>
    public static ClusterTlsCredentials LoadTls(RegistryClusterOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return ClusterTlsCredentials.Load(options.Tls, options.Mode == ClusterMode.Client ? ClusterTlsRole.Client : ClusterTlsRole.Silo);
    }
}
