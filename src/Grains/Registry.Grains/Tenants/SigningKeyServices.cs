using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Registry.Grains.Abstractions;
using Registry.Grains.Telemetry;

namespace Registry.Grains.Tenants;

public static class SigningKeyServices
{
    /// <summary>
    /// What the tenant grains and signers need for their keys besides an <see cref="ISigningKeyProtector"/> (the host
    /// provides it): the silo's decrypted-key cache, the key-age gauge, and the signer for code in the silo's process.
    /// </summary>
    public static IServiceCollection AddRegistrySigningKeys(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<SigningKeyCache>();
        services.TryAddSingleton<SigningKeyAges>();
        services.TryAddSingleton<ISiloTokenSigner, SiloTokenSigner>();
        return services;
    }
}
