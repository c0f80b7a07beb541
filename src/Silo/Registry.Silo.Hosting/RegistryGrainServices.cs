using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Registry.Grains.Lifecycle;
using Registry.Grains.Telemetry;
using Registry.Grains.Tenants;
using Registry.Hosting.Configuration;
using Registry.Silo.Hosting.Lifecycle;
using Registry.Silo.Hosting.Telemetry;
using Registry.Silo.Hosting.Tenancy;

namespace Registry.Silo.Hosting;

internal static class RegistryGrainServices
{
    /// <summary>
    /// What Registry's grains need from their silo: the tenants (configuration resolved to settings,
    /// validated at startup; runtime tenants' limits through <see cref="TenantThrottles"/>), the idle-client sweep's interval, a clock, the grains' instruments, the client counts, and the hosted services that report on them.
    /// </summary>
    public static IServiceCollection AddRegistryGrainServices(this IServiceCollection services)
    {
        services.AddRegistryOptions();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RegistryOptions>, TenantOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RegistryOptions>, LifecycleOptionsValidator>());
        services.AddOptions<IdleSweepOptions>().Configure<IOptions<RegistryOptions>>(
            (sweep, registry) => sweep.Interval = TimeSpan.FromSeconds(registry.Value.Lifecycle.IdleSweepIntervalSeconds));
        services.TryAddSingleton(sp => TenantSettingsFactory.CreateDirectory(
            sp.GetRequiredService<IOptions<RegistryOptions>>().Value.Tenants, sp.GetRequiredService<IHostEnvironment>().IsDevelopment()));
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<TenantThrottles>();
        services.AddMetrics();
        services.TryAddSingleton<GrainMetrics>();
        services.AddHostedService<TenantConfigurationReporter>();
        services.TryAddSingleton<ClientCountReporter>();
        services.AddHostedService(sp => sp.GetRequiredService<ClientCountReporter>());
        return services;
    }
}
