using System.Diagnostics;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Runtime.Placement;
using Registry.Grains.Abstractions;
using Registry.Hosting.Configuration;
using Registry.Silo.Hosting;
using Registry.Silo.Hosting.DataProtection;

namespace Registry.Silo.Tests;

/// <summary>A silo built the way the silo process and the embedded gateway build it, started for real on loopback.</summary>
public sealed class SiloHostTests
{
    [Theory]
    [InlineData("client")]
    [InlineData("tenant")]
    public async Task Where_the_gateway_co_hosts_the_silo_registry_grains_stay_in_the_process(string grainType)
    {
        using var host = await StartSiloAsync(coHostedWithGateway: true);

        var placement = host.Services.GetRequiredService<PlacementStrategyResolver>().GetPlacementStrategy(GrainType.Create(grainType));

        Assert.IsType<PreferLocalPlacement>(placement);
        await host.StopAsync();
    }

    [Fact]
    public async Task A_standalone_silo_places_by_resource_use_so_joining_silos_take_new_activations()
    {
        using var host = await StartSiloAsync(coHostedWithGateway: false);

        var resolver = host.Services.GetRequiredService<PlacementStrategyResolver>();

        Assert.IsType<ResourceOptimizedPlacement>(resolver.GetPlacementStrategy(GrainType.Create("client")));
        Assert.IsType<ResourceOptimizedPlacement>(resolver.GetPlacementStrategy(GrainType.Create("tenant")));
        await host.StopAsync();
    }

    /// <summary>
    /// Orleans' watchdog can read the membership clock's timestamp zero before it sets its own: with a clock
    /// counting from machine boot that reads as a stall of the machine's uptime. Ours counts from the host's start.
    /// </summary>
    [Fact]
    public async Task The_membership_clock_counts_from_the_silo_start_not_from_machine_boot()
    {
        var started = Stopwatch.GetTimestamp();
        using var host = await StartSiloAsync(coHostedWithGateway: false);

        var clock = host.Services.GetRequiredKeyedService<TimeProvider>(TimeProviderNames.Membership);

        Assert.IsType<MembershipClock>(clock);
        Assert.InRange(clock.GetElapsedTime(0), TimeSpan.Zero, Stopwatch.GetElapsedTime(started));
        Assert.Equal(TimeProvider.System.TimestampFrequency, clock.TimestampFrequency);
        Assert.Same(clock, host.Services.GetRequiredKeyedService<TimeProvider>(TimeProviderNames.Membership));
        await host.StopAsync();
    }

    [Fact]
    public async Task A_development_silo_serves_runtime_tenants_as_development_and_their_limits_to_client_grains()
    {
        using var host = await StartSiloAsync(coHostedWithGateway: false);

        Assert.True(host.Services.GetRequiredService<Registry.Grains.Tenants.TenantDirectory>().Development);
        var throttles = host.Services.GetRequiredService<Registry.Grains.Tenants.TenantThrottles>();
        Assert.Equal(new Registry.Protocol.Throttling.ThrottlePolicy().MaxClients, (await throttles.ForAsync("default")).MaxClients);
        await host.StopAsync();
    }

    [Fact]
    public async Task Outside_development_the_implicit_default_tenant_with_its_default_secret_stops_startup()
    {
        using var host = BuildSilo(coHostedWithGateway: false, Environments.Production);

        var failure = await Assert.ThrowsAnyAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("Registry:Tenants:default:AdminClientSecret must be set to a random secret outside Development", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_embedded_silo_keeps_its_data_protection_key_ring_in_the_configured_folder_and_signs_with_keys_protected_by_it()
    {
        var folder = Directory.CreateTempSubdirectory("registry-keyring-").FullName;
        try
        {
            using var host = BuildSilo(coHostedWithGateway: true, Environments.Development, folder);
            await host.StartAsync();
            var grains = host.Services.GetRequiredService<IGrainFactory>();

            var key = (await grains.GetGrain<ITenantGrain>("default").GetSnapshot())!.SigningKeys[0];
            var signature = await grains.GetGrain<ITokenSignerGrain>("default").Sign(key.KeyId, [1, 2, 3]);

            Assert.IsType<FileSystemXmlRepository>(host.Services.GetRequiredService<IOptions<KeyManagementOptions>>().Value.XmlRepository);
            Assert.Single(Directory.GetFiles(folder, "key-*.xml"));
            using var rsa = System.Security.Cryptography.RSA.Create();
            rsa.ImportSubjectPublicKeyInfo(key.SubjectPublicKeyInfo, out _);
            Assert.True(rsa.VerifyData(new byte[] { 1, 2, 3 }, signature, System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.RSASignaturePadding.Pkcs1));
            await host.StopAsync();
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<IHost> StartSiloAsync(bool coHostedWithGateway)
    {
        // Development: no tenant is configured here, so the default tenant has the default bootstrap secret.
        var host = BuildSilo(coHostedWithGateway, Environments.Development);
        await host.StartAsync();
        return host;
    }

    private static IHost BuildSilo(bool coHostedWithGateway, string environment, string? keyRingPath = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = environment });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);

        // The Data Protection key ring in a folder of the test, never in the user's profile.
        builder.Configuration[KeyRingConfiguration.Section + ":KeyRingPath"] = keyRingPath ?? Path.Combine(Path.GetTempPath(), "registry-silo-tests-keyring-" + Environment.ProcessId);
        var options = new RegistryClusterOptions { SiloPort = TestPorts.Next(), GatewayPort = TestPorts.Next() };
        builder.UseOrleans(silo => silo.AddRegistry(options, coHostedWithGateway));
        return builder.Build();
    }
}
