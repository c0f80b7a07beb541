using System.Collections.Concurrent;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.Serialization;
using Orleans.Storage;
using Orleans.TestingHost;
using Registry.Grains.Lifecycle;
using Registry.Grains.Telemetry;
using Registry.Grains.Tenants;
using Registry.Hosting.Configuration;
using Registry.Silo.Hosting.DataProtection;
using Registry.Silo.Hosting.Tenancy;

namespace Registry.Grains.Tests.Lifecycle;

/// <summary>
/// A silo of its own for the idle-client sweep: the grains read a <see cref="FakeTimeProvider"/> (days pass in a
/// test without waiting), and every grain call is counted, so a test can tell which clients a pass activated.
/// </summary>
public sealed class IdleClusterFixture : IAsyncLifetime
{
    /// <summary>The grains' clock (one silo per process, so a static is how the configurator reaches it).</summary>
    public static FakeTimeProvider Time { get; } = new(DateTimeOffset.UtcNow);

    public static CallCounter Calls { get; } = new();

    /// <summary>The sweep interval of this silo.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromDays(3650);

    public JsonGrainStorage Storage { get; private set; } = null!;

    public TestCluster Cluster { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.GrainFactory;

    /// <summary>The silo's reminder table (in memory), to see which sweeps are scheduled.</summary>
    public IReminderTable Reminders => ((InProcessSiloHandle)Cluster.Primary!).SiloHost.Services.GetRequiredService<IReminderTable>();

    public async Task InitializeAsync()
    {
        var builder = new TestClusterBuilder(1);
        builder.Options.BaseSiloPort = TestPorts.Next();
        builder.Options.BaseGatewayPort = TestPorts.Next();
        builder.AddSiloBuilderConfigurator<SiloConfigurator>();
        builder.AddClientBuilderConfigurator<ClientConfigurator>();
        Cluster = builder.Build();
        await Cluster.DeployAsync();
        Storage = (JsonGrainStorage)((InProcessSiloHandle)Cluster.Primary!).SiloHost.Services.GetRequiredKeyedService<IGrainStorage>(RegistryStorage.Name);
    }

    public async Task DisposeAsync() => await Cluster.DisposeAsync();

    /// <summary>Counts the calls each grain receives.</summary>
    public sealed class CallCounter : IIncomingGrainCallFilter
    {
        private readonly ConcurrentDictionary<GrainId, int> _calls = new();

        public int Of(GrainId grain) => _calls.GetValueOrDefault(grain);

        public Task Invoke(IIncomingGrainCallContext context)
        {
            _calls.AddOrUpdate(context.TargetId, 1, (_, count) => count + 1);
            return context.Invoke();
        }
    }

    private sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder)
        {
            siloBuilder.Services.AddSingleton(TenantSettingsFactory.CreateDirectory(new Dictionary<string, TenantOptions>
            {
                [IdleClientSweepTests.ConfiguredIdleTenant] = new() { AdminClientSecret = ClusterFixture.AcmeSecret, IdleDisableAfterSeconds = 86_400 },
            }));
            siloBuilder.Services.AddSingleton<TimeProvider>(Time);

            // The reminder service reads this clock too: an interval longer than all the days the tests advance keeps
            // its passes out of the way (each test runs its passes itself).
            siloBuilder.Services.Configure<IdleSweepOptions>(sweep => sweep.Interval = Interval);
            siloBuilder.Services.AddSingleton<TenantThrottles>();
            siloBuilder.Services.AddSigningKeyProtection().UseEphemeralDataProtectionProvider();
            siloBuilder.Services.AddMetrics();
            siloBuilder.Services.AddSingleton<GrainMetrics>();
            siloBuilder.AddIncomingGrainCallFilter(Calls);
            siloBuilder.UseInMemoryReminderService();
            siloBuilder.Services.AddSerializer(serializer => serializer.AddRegistryProtocolTypes());
            siloBuilder.UseSystemTextJsonGrainStorageSerializer();
            siloBuilder.Services.AddKeyedSingleton<IGrainStorage>(RegistryStorage.Name, (services, _) =>
                new JsonGrainStorage(services.GetRequiredService<IGrainStorageSerializer>()));
        }
    }

    private sealed class ClientConfigurator : IClientBuilderConfigurator
    {
        public void Configure(Microsoft.Extensions.Configuration.IConfiguration configuration, IClientBuilder clientBuilder) =>
            clientBuilder.Services.AddSerializer(serializer => serializer.AddRegistryProtocolTypes());
    }
}

[CollectionDefinition(Name)]
public sealed class IdleClusterCollectionDefinition : ICollectionFixture<IdleClusterFixture>
{
    public const string Name = "idle-cluster";
}
