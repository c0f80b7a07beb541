using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Registry.Grains.Telemetry;

namespace Registry.Grains.Tenants;

public static class SigningKeyServices
{
    /// <summary>
    /// What the tenant grains and signers need for their keys besides an <see cref="ISigningKeyProtector"/> (the host
    /// provides it): the silo's decrypted-key cache and the key-age gauge.
    /// </summary>
    public static IServiceCollection AddRegistrySigningKeys(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<SigningKeyCache>();
        services.TryAddSingleton<SigningKeyAges>();
        return services;
    }
}
