using Azure.Storage.Blobs;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Registry.Grains.Tenants;
using Registry.Hosting.Configuration;

namespace Registry.Silo.Hosting.DataProtection;

/// <summary>
/// Where the silo's Data Protection key ring (it protects tenants' signing keys at rest) lives: with memory storage
/// (the embedded default) a folder (Registry:DataProtection:KeyRingPath, default a folder under the user's local
/// application data); with Azure Table storage (a cluster) a blob in Azure Blob storage under the same connection
/// string as the grain state (container Registry:DataProtection:BlobContainer, default
/// <see cref="DefaultBlobContainer"/>), so every silo reads the keys of every other.
/// </summary>
public static class KeyRingConfiguration
{
    public const string Section = "Registry:DataProtection";

    public const string DefaultBlobContainer = "registry-data-protection";

    /// <summary>The Data Protection application name: every silo of a deployment must share it (and the key ring).</summary>
    public const string ApplicationName = "Registry";

    /// <summary>The folder used when none is configured: ~/.local/share/Registry/data-protection on Linux.</summary>
    public static string DefaultKeyRingPath =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "Registry", "data-protection");

    /// <summary>
    /// Data Protection (application <see cref="ApplicationName"/>) and what the grains need for their keys and upstream
    /// secrets; the key
    /// ring's place is the caller's (see <see cref="Configure"/>).
    /// </summary>
    public static IDataProtectionBuilder AddSigningKeyProtection(this IServiceCollection services)
    {
        services.AddRegistrySigningKeys();
        services.TryAddSingleton<ISigningKeyProtector, DataProtectionKeyProtector>();
        services.TryAddSingleton<IUpstreamSecretProtector, DataProtectionUpstreamSecretProtector>();
        services.TryAddSingleton<UpstreamSecrets>();
        return services.AddDataProtection().SetApplicationName(ApplicationName);
    }

    internal static void Configure(IServiceCollection services, IConfiguration configuration, RegistryClusterOptions options)
    {
        services.AddSigningKeyProtection();
        var section = configuration.GetSection(Section);
        if (options.Storage == StorageKind.Memory)
        {
            var path = section["KeyRingPath"] is { Length: > 0 } configured ? configured : DefaultKeyRingPath;
            services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp => new ConfigureOptions<KeyManagementOptions>(keys =>
                keys.XmlRepository = new FileSystemXmlRepository(Directory.CreateDirectory(path), sp.GetRequiredService<ILoggerFactory>())));
            return;
        }

        // The key ring may (and in production should) sit behind its own credential, so the grain store alone reveals nothing.
        var containerName = section["BlobContainer"] is { Length: > 0 } name ? name : DefaultBlobContainer;
        var connectionString = section["BlobConnectionString"] is { Length: > 0 } own ? own : options.AzureTableConnectionString;
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(_ => new ConfigureOptions<KeyManagementOptions>(keys =>
            keys.XmlRepository = new BlobXmlRepository(new BlobServiceClient(connectionString).GetBlobContainerClient(containerName))));
    }
}
