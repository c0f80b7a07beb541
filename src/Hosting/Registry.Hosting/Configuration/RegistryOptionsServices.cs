using Microsoft.Extensions.DependencyInjection;

namespace Registry.Hosting.Configuration;

public static class RegistryOptionsServices
{
    /// <summary>
    /// Binds the "Registry" section to <see cref="RegistryOptions"/>, validated at startup, once per service
    /// collection however many parts of a process ask for it (binding twice would append to its lists).
    /// </summary>
    public static IServiceCollection AddRegistryOptions(this IServiceCollection services)
    {
        if (services.Any(d => d.ServiceType == typeof(Bound)))
        {
            return services;
        }

        services.AddSingleton<Bound>();
        services.AddOptions<RegistryOptions>().BindConfiguration(RegistryOptions.Section).ValidateOnStart();
        return services;
    }

    /// <summary>Marks a service collection whose <see cref="RegistryOptions"/> are bound.</summary>
    private sealed class Bound;
}
