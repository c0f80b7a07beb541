using Microsoft.Extensions.Options;
using Registry.Hosting.Configuration;

namespace Registry.Silo.Hosting.Lifecycle;

/// <summary>
/// Startup validation of Registry:Lifecycle where a silo runs: the idle-client sweep interval between one minute
/// (Orleans' shortest reminder period) and a day, so a setting can neither fail every reminder nor stop the sweep.
/// </summary>
internal sealed class LifecycleOptionsValidator : IValidateOptions<RegistryOptions>
{
    public ValidateOptionsResult Validate(string? name, RegistryOptions options)
    {
        var seconds = options.Lifecycle.IdleSweepIntervalSeconds;
        return seconds is >= RegistryLifecycleOptions.MinIdleSweepIntervalSeconds and <= RegistryLifecycleOptions.MaxIdleSweepIntervalSeconds
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(
                $"{RegistryLifecycleOptions.Section}:{nameof(RegistryLifecycleOptions.IdleSweepIntervalSeconds)} ({seconds}) must be between "
                + $"{RegistryLifecycleOptions.MinIdleSweepIntervalSeconds} and {RegistryLifecycleOptions.MaxIdleSweepIntervalSeconds}");
    }
}
