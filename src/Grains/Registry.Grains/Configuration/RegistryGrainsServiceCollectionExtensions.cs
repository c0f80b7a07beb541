using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Registry.Grains.Telemetry;

namespace Registry.Grains.Configuration;

public static class RegistryGrainsServiceCollectionExtensions
{
    /// <summary>Services the grains need: tenant configuration (validated at startup), a clock, the client counter.</summary>
    public static IServiceCollection AddRegistryGrains(this IServiceCollection services)
    {
        services.AddOptions<RegistryTenantsOptions>().BindConfiguration(RegistryTenantsOptions.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RegistryTenantsOptions>, TenantOptionsValidator>());
        services.TryAddSingleton<TenantDirectory>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddHostedService<TenantConfigurationReporter>();
        services.TryAddSingleton<ClientCountTracker>();
        services.AddHostedService(sp => sp.GetRequiredService<ClientCountTracker>());
        return services;
    }
}
