using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Registry.Hosting.Configuration;

/// <summary>Reads and validates "Registry:Cluster" while the host is being built.</summary>
public static class RegistryClusterConfiguration
{
    /// <summary>
    /// Clustering and storage shape the silo or client, so they are read and validated while building it
    /// (before Orleans reads them), failing with the same single message options validation gives.
    /// </summary>
    public static RegistryClusterOptions Read(IConfiguration configuration)
    {
        var options = new RegistryClusterOptions();
        configuration.GetSection(RegistryClusterOptions.Section).Bind(options);
        var result = new RegistryClusterOptionsValidator().Validate(null, options);
        return result.Failed
            ? throw new OptionsValidationException(RegistryClusterOptions.Section, typeof(RegistryClusterOptions), result.Failures)
            : options;
    }
}
