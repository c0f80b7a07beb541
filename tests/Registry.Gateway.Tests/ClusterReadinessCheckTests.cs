using System.Diagnostics;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Orleans.Serialization;
using Orleans.TestingHost;
using Registry.Gateway.Hosting;
using Registry.Grains.Abstractions;

namespace Registry.Gateway.Tests;

/// <summary>
/// The gateway's readiness follows the cluster: ready while a silo is active, unready (within the check's
/// two-second bound, never a hang) once the cluster is gone. Against a real in-process Orleans cluster.
/// </summary>
public sealed class ClusterReadinessCheckTests
{
    [Fact]
    public async Task Ready_with_an_active_silo_and_unready_within_seconds_once_it_is_gone()
    {
        var builder = new TestClusterBuilder(1);
        builder.Options.BaseSiloPort = TestPorts.Next();
        builder.Options.BaseGatewayPort = TestPorts.Next();
        builder.AddSiloBuilderConfigurator<RegistryTypes>();
        builder.AddClientBuilderConfigurator<RegistryTypes>();
        await using var cluster = builder.Build();
        await cluster.DeployAsync();
        var check = new ClusterReadinessCheck(cluster.Client);

        var up = await check.CheckHealthAsync(new HealthCheckContext());
        await cluster.StopAllSilosAsync();
        var clock = Stopwatch.StartNew();
        var down = await check.CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Healthy, up.Status);
        Assert.Equal("1 active silo(s)", up.Description);
        Assert.Equal(HealthStatus.Unhealthy, down.Status);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"the check took {clock.Elapsed}");
    }

    /// <summary>Registry's grain interfaces are in this process too; their messages need the Protocol codec.</summary>
    private sealed class RegistryTypes : ISiloConfigurator, IClientBuilderConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder) => siloBuilder.Services.AddSerializer(s => s.AddRegistryProtocolTypes());

        public void Configure(Microsoft.Extensions.Configuration.IConfiguration configuration, IClientBuilder clientBuilder) =>
            clientBuilder.Services.AddSerializer(s => s.AddRegistryProtocolTypes());
    }
}
