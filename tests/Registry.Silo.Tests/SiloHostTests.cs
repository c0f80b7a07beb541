using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Runtime.Placement;
using Registry.Hosting.Configuration;
using Registry.Silo.Hosting;

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

    private static async Task<IHost> StartSiloAsync(bool coHostedWithGateway)
    {
        // Development: no tenant is configured here, so the default tenant has the default bootstrap secret.
        var host = BuildSilo(coHostedWithGateway, Environments.Development);
        await host.StartAsync();
        return host;
    }

    private static IHost BuildSilo(bool coHostedWithGateway, string environment)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = environment });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var options = new RegistryClusterOptions { SiloPort = TestPorts.Next(), GatewayPort = TestPorts.Next() };
        builder.UseOrleans(silo => silo.AddRegistry(options, coHostedWithGateway));
        return builder.Build();
    }
}
