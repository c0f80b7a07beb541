using Microsoft.Extensions.Options;

namespace Registry.Silo.Hosting;

/// <summary>Startup validation of Registry:Cluster.</summary>
public sealed class RegistryClusterOptionsValidator : IValidateOptions<RegistryClusterOptions>
{
    public ValidateOptionsResult Validate(string? name, RegistryClusterOptions options)
    {
        var failures = new List<string>();
        const string Key = RegistryClusterOptions.Section;
        if (options.SiloPort is < 1 or > 65535 || options.GatewayPort is < 1 or > 65535 || options.SiloPort == options.GatewayPort)
        {
            failures.Add($"{Key}: SiloPort ({options.SiloPort}) and GatewayPort ({options.GatewayPort}) must be distinct ports 1-65535");
        }

        if (string.IsNullOrWhiteSpace(options.ClusterId) || string.IsNullOrWhiteSpace(options.ServiceId))
        {
            failures.Add($"{Key}: ClusterId and ServiceId must not be empty");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
