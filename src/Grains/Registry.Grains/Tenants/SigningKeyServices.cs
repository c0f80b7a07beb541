using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Registry.Grains.Telemetry;

namespace Registry.Grains.Tenants;

public static class SigningKeyServices
{
    /// <summary>The Data Protection application name: every silo of a deployment must share it (and the key ring).</summary>
    public const string ApplicationName = "Registry";

    /// <summary>
    /// What the tenant grains and signers need for their keys: Data Protection (application <see cref="ApplicationName"/>;
    /// the host chooses where the key ring lives), the protector, the silo's decrypted-key cache and the key-age gauge.
    /// </summary>
    public static IServiceCollection AddRegistrySigningKeys(this IServiceCollection services)
    {
        services.AddDataProtection().SetApplicationName(ApplicationName);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<SigningKeyProtector>();
        services.TryAddSingleton<SigningKeyCache>();
        services.TryAddSingleton<SigningKeyAges>();
        return services;
    }
}
