using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.Storage;
using Orleans.TestingHost;
using Registry.Grains.Configuration;

namespace Registry.Grains.Tests;

/// <summary>One in-process silo shared by the grain tests (it takes seconds to start).</summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public const string AcmeSecret = "acme-admin-secret";

    /// <summary>The silo's grain storage (the in-process silo's own instance, taken from its services).</summary>
    public JsonGrainStorage Storage { get; private set; } = null!;

    public TestCluster Cluster { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.GrainFactory;

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

    /// <summary>Deactivates every idle grain, so the next call re-reads storage.</summary>
    public Task DeactivateAllAsync() => Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);

    private sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder)
        {
            siloBuilder.Services.AddRegistryGrains();
            siloBuilder.Services.AddSerializer(serializer => serializer.AddRegistryProtocolTypes());
            siloBuilder.UseSystemTextJsonGrainStorageSerializer();
            siloBuilder.Services.AddKeyedSingleton<IGrainStorage>(RegistryStorage.Name, (services, _) =>
                new JsonGrainStorage(services.GetRequiredService<IGrainStorageSerializer>()));
            siloBuilder.Services.Configure<RegistryTenantsOptions>(options =>
            {
                options.Tenants["acme"] = new TenantOptions { AdminClientId = "acme-admin", AdminClientSecret = AcmeSecret, AllowedScopes = ["orders.read"] };
                options.Tenants["fast"] = new TenantOptions { AdminClientSecret = AcmeSecret, SigningAlgorithm = "ES256" };
                options.Tenants["switched"] = new TenantOptions { AdminClientSecret = AcmeSecret, SigningAlgorithm = "ES256" };
                options.Tenants["stored"] = new TenantOptions { AdminClientSecret = AcmeSecret };
            });
        }
    }

    private sealed class ClientConfigurator : IClientBuilderConfigurator
    {
        public void Configure(Microsoft.Extensions.Configuration.IConfiguration configuration, IClientBuilder clientBuilder) =>
            clientBuilder.Services.AddSerializer(serializer => serializer.AddRegistryProtocolTypes());
    }
}

[CollectionDefinition(Name)]
public sealed class ClusterCollectionDefinition : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}
