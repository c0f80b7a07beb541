using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.Storage;
using Orleans.TestingHost;
using Registry.Grains.Telemetry;
using Registry.Grains.Tenants;
using Registry.Hosting.Configuration;
using Registry.Silo.Hosting.DataProtection;
using Registry.Silo.Hosting.Tenancy;

namespace Registry.Grains.Tests;

/// <summary>One in-process silo shared by the grain tests (it takes seconds to start).</summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public const string AcmeSecret = "acme-admin-secret";

    /// <summary>A tenant that may hold <see cref="QuotaMaxClients"/> clients.</summary>
    public const string QuotaTenant = "quota";

    public const int QuotaMaxClients = 5;

    /// <summary>A tenant whose registration rate admits a burst of <see cref="Burst"/>, then almost nothing.</summary>
    public const string PacedTenant = "paced";

    /// <summary>
    /// A tenant whose clients (and admin client) get <see cref="Burst"/> tokens, then almost none, back off after
    /// <see cref="FailuresBeforeBackoff"/> failures, and whose addresses back off after <see cref="AddressFailuresBeforeBackoff"/>.
    /// </summary>
    public const string StrictTenant = "strict";

    /// <summary>Tenants whose admin client backs off after <see cref="FailuresBeforeBackoff"/> failures (one for the back-off, one for its reset).</summary>
    public const string AdminBackoffTenant = "admin-backoff";

    public const string AdminResetTenant = "admin-reset";

    public const int Burst = 3;

    /// <summary>One token per 1000 s: after a burst, the next one is far beyond any test.</summary>
    public const double SlowRate = 0.001;

    public const int FailuresBeforeBackoff = 3;

    public const int AddressFailuresBeforeBackoff = 4;

    /// <summary>The first back-off: long enough that no test outlives it.</summary>
    public const int BackoffSeconds = 60;

    /// <summary>The silo's grain storage (the in-process silo's own instance, taken from its services).</summary>
    public JsonGrainStorage Storage { get; private set; } = null!;

    public TestCluster Cluster { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.GrainFactory;

    /// <summary>The silo's Data Protection key ring (one folder per test run).</summary>
    public static readonly string KeyRingPath = Path.Combine(Path.GetTempPath(), "registry-grain-tests-keyring-" + Environment.ProcessId);

    /// <summary>The silo's services (its signing-key protector, its signer's key cache).</summary>
    public IServiceProvider SiloServices => ((InProcessSiloHandle)Cluster.Primary!).SiloHost.Services;

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
            // What the silo host gives Registry's grains: the tenants (resolved from options as a silo does), a clock, client counts.
            siloBuilder.Services.AddSingleton(TenantSettingsFactory.CreateDirectory(new Dictionary<string, TenantOptions>
            {
                ["acme"] = new() { AdminClientId = "acme-admin", AdminClientSecret = AcmeSecret, AllowedScopes = ["orders.read"] },
                ["fast"] = new() { AdminClientSecret = AcmeSecret, SigningAlgorithm = "ES256" },
                ["switched"] = new() { AdminClientSecret = AcmeSecret, SigningAlgorithm = "ES256" },
                ["stored"] = new() { AdminClientSecret = AcmeSecret },
                ["rewritten"] = new() { AdminClientSecret = AcmeSecret },
                ["fresh"] = new() { AdminClientSecret = AcmeSecret },
                ["stored-v2"] = new() { AdminClientSecret = AcmeSecret },
                ["counted"] = new() { AdminClientSecret = AcmeSecret },
                ["rotated"] = new() { AdminClientSecret = AcmeSecret },
                ["rotated-es"] = new() { AdminClientSecret = AcmeSecret, SigningAlgorithm = "ES256" },

                // Low limits, each tenant for the tests of one limit. Rates so slow and back-offs so long that
                // nothing refills or ends while a test runs: the tests never wait for the clock.
                [QuotaTenant] = new() { AdminClientSecret = AcmeSecret, MaxClients = QuotaMaxClients },
                [PacedTenant] = new() { AdminClientSecret = AcmeSecret, Limits = new() { RegistrationsPerSecond = SlowRate, RegistrationBurst = Burst } },
                [StrictTenant] = new()
                {
                    AdminClientSecret = AcmeSecret,
                    Limits = new()
                    {
                        TokenRequestsPerSecond = SlowRate,
                        TokenBurst = Burst,
                        ClientFailuresBeforeBackoff = FailuresBeforeBackoff,
                        AddressFailuresBeforeBackoff = AddressFailuresBeforeBackoff,
                        BackoffSeconds = BackoffSeconds,
                        MaxBackoffSeconds = 10 * BackoffSeconds,
                    },
                },
                [AdminBackoffTenant] = new() { AdminClientSecret = AcmeSecret, Limits = new() { ClientFailuresBeforeBackoff = FailuresBeforeBackoff, BackoffSeconds = BackoffSeconds } },
                [AdminResetTenant] = new() { AdminClientSecret = AcmeSecret, Limits = new() { ClientFailuresBeforeBackoff = FailuresBeforeBackoff, BackoffSeconds = BackoffSeconds } },
            }));
            siloBuilder.Services.AddSingleton(TimeProvider.System);
            siloBuilder.Services.AddSigningKeyProtection().PersistKeysToFileSystem(Directory.CreateDirectory(KeyRingPath));
            siloBuilder.Services.AddSingleton<TenantThrottles>();
            siloBuilder.Services.AddMetrics();
            siloBuilder.Services.AddSingleton<GrainMetrics>();
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
public sealed class ClusterCollectionDefinition : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}
