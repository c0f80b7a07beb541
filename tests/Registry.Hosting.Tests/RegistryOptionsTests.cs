using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Registry.Hosting.Configuration;

namespace Registry.Hosting.Tests;

/// <summary>The one options root of the "Registry" section, bound once however many parts of a process ask for it.</summary>
public sealed class RegistryOptionsTests
{
    [Fact]
    public void Every_part_of_the_section_binds_into_the_root()
    {
        var options = Bind(new Dictionary<string, string?>
        {
            ["Registry:Issuer"] = "https://id.example.com",
            ["Registry:ForwardedHeaders:Enabled"] = "true",
            ["Registry:ForwardedHeaders:KnownNetworks:0"] = "10.0.0.0/8",
            ["Registry:Tenants:acme:AllowedScopes:0"] = "orders.read",
            ["Registry:Tenants:acme:SigningAlgorithm"] = "ES256",
            ["Registry:Cluster:Mode"] = "Client",
            ["Registry:Cluster:Membership:ProbeTimeoutSeconds"] = "3",
            ["Registry:Telemetry:Tracing"] = "On",
        }, addTwice: false);

        Assert.Equal("https://id.example.com", options.Issuer);
        Assert.True(options.ForwardedHeaders.Enabled);
        Assert.Equal(["10.0.0.0/8"], options.ForwardedHeaders.KnownNetworks);
        Assert.Equal(["orders.read"], options.Tenants["acme"].AllowedScopes!);
        Assert.Equal("ES256", options.Tenants["acme"].SigningAlgorithm);
        Assert.Equal((ClusterMode.Client, 3.0), (options.Cluster.Mode, options.Cluster.Membership.ProbeTimeoutSeconds));
        Assert.Equal(TracingMode.On, options.Telemetry.Tracing);
    }

    [Fact]
    public void Asking_twice_binds_once_so_lists_are_not_doubled()
    {
        var options = Bind(new Dictionary<string, string?> { ["Registry:Tenants:acme:AllowedScopes:0"] = "orders.read" }, addTwice: true);

        Assert.Equal(["orders.read"], options.Tenants["acme"].AllowedScopes!);
    }

    [Fact]
    public void Unset_values_take_the_documented_defaults()
    {
        var options = Bind([], addTwice: false);

        Assert.Null(options.Issuer);
        Assert.False(options.ForwardedHeaders.Enabled);
        Assert.Empty(options.Tenants);
        Assert.Equal((ClusterMode.Embedded, ClusteringKind.Localhost, StorageKind.Memory), (options.Cluster.Mode, options.Cluster.Clustering, options.Cluster.Storage));
        Assert.Equal((11111, 30000, 5, 5), (options.Cluster.SiloPort, options.Cluster.GatewayPort, options.Cluster.IdleClientMinutes, options.Cluster.ResponseTimeoutSeconds));
        Assert.Equal(TracingMode.Auto, options.Telemetry.Tracing);
    }

    private static RegistryOptions Bind(Dictionary<string, string?> settings, bool addTwice)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddRegistryOptions();
        if (addTwice)
        {
            services.AddRegistryOptions();
        }

        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IOptions<RegistryOptions>>().Value;
    }
}
