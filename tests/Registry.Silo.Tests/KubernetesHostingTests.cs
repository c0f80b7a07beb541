using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Hosting.Kubernetes;
using Registry.Hosting.Configuration;
using Registry.Silo.Hosting;

namespace Registry.Silo.Tests;

/// <summary>
/// Registry:Cluster:Kubernetes:Enabled adds Orleans' Kubernetes hosting to a silo, and only then; it takes the pod's
/// name but leaves Registry:Cluster's ids and advertised address as configured. (The hosting's agent talks to the
/// Kubernetes API when the silo starts, so these build the host without starting it.)
/// </summary>
public sealed class KubernetesHostingTests
{
    [Fact]
    public void Without_the_switch_a_silo_has_no_kubernetes_hosting()
    {
        using var host = Build(Options(kubernetes: false), out var services);

        Assert.DoesNotContain(services, IsKubernetesAgent);
        Assert.DoesNotContain(services, d => d.ServiceType.Namespace == typeof(KubernetesHostingOptions).Namespace);
    }

    [Fact]
    public void With_the_switch_the_silo_takes_its_pod_name_and_keeps_the_configured_cluster_ids_and_address()
    {
        // What the silo Deployment sets from the pod's metadata (the downward API). Only hosts with Kubernetes
        // hosting read these variables, and only this class builds such hosts (its tests run one at a time).
        Environment.SetEnvironmentVariable(KubernetesHostingOptions.PodNamespaceEnvironmentVariable, "registry");
        Environment.SetEnvironmentVariable(KubernetesHostingOptions.PodNameEnvironmentVariable, "registry-silo-7d9f-abcde");
        try
        {
            using var host = Build(Options(kubernetes: true), out var services);

            Assert.Contains(services, IsKubernetesAgent);
            Assert.Equal("registry-silo-7d9f-abcde", host.Services.GetRequiredService<IOptions<SiloOptions>>().Value.SiloName);
            var cluster = host.Services.GetRequiredService<IOptions<ClusterOptions>>().Value;
            Assert.Equal(("registry-test", "registry-test-service"), (cluster.ClusterId, cluster.ServiceId));
            Assert.Equal(IPAddress.Parse("10.1.2.3"), host.Services.GetRequiredService<IOptions<EndpointOptions>>().Value.AdvertisedIPAddress);
        }
        finally
        {
            Environment.SetEnvironmentVariable(KubernetesHostingOptions.PodNamespaceEnvironmentVariable, null);
            Environment.SetEnvironmentVariable(KubernetesHostingOptions.PodNameEnvironmentVariable, null);
        }
    }

    [Fact]
    public void With_the_switch_but_an_orleans_cluster_id_that_differs_from_registry_cluster_startup_stops()
    {
        Environment.SetEnvironmentVariable(KubernetesHostingOptions.ClusterIdEnvironmentVariable, "another-cluster");
        try
        {
            using var host = Build(Options(kubernetes: true), out _);

            var failure = Assert.Throws<OptionsValidationException>(() => host.Services.GetRequiredService<IOptions<ClusterOptions>>().Value);

            Assert.Contains("ORLEANS_CLUSTER_ID / ORLEANS_SERVICE_ID differ from Registry:Cluster:ClusterId / ServiceId", failure.Message, StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable(KubernetesHostingOptions.ClusterIdEnvironmentVariable, null);
        }
    }

    [Fact]
    public void Kubernetes_hosting_without_redis_clustering_is_refused_at_startup()
    {
        var options = Options(kubernetes: true);
        options.Clustering = ClusteringKind.Localhost;

        var result = new RegistryClusterOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains("Registry:Cluster:Kubernetes:Enabled needs Clustering Redis", result.FailureMessage, StringComparison.Ordinal);
        Assert.True(new RegistryClusterOptionsValidator().Validate(null, Options(kubernetes: true)).Succeeded);
    }

    private static bool IsKubernetesAgent(ServiceDescriptor descriptor) =>
        descriptor.ServiceType == typeof(KubernetesClusterAgent) || descriptor.ImplementationType == typeof(KubernetesClusterAgent);

    private static RegistryClusterOptions Options(bool kubernetes) => new()
    {
        Clustering = ClusteringKind.Redis,
        RedisConnectionString = "127.0.0.1:1,abortConnect=false",
        ClusterId = "registry-test",
        ServiceId = "registry-test-service",
        AdvertisedIPAddress = "10.1.2.3",
        SiloPort = TestPorts.Next(),
        GatewayPort = TestPorts.Next(),
        Kubernetes = { Enabled = kubernetes },
    };

    private static IHost Build(RegistryClusterOptions options, out List<ServiceDescriptor> services)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = Environments.Development });
        builder.Configuration["Registry:DataProtection:KeyRingPath"] = Path.Combine(Path.GetTempPath(), "registry-silo-tests-keyring-" + Environment.ProcessId);
        builder.UseOrleans(silo => silo.AddRegistry(options));
        services = [.. builder.Services];
        return builder.Build();
    }
}
