using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Registry.Hosting.Configuration;
using Registry.Silo.Hosting;

namespace Registry.Silo.Tests;

/// <summary>A networked cluster without TLS says so at startup; the embedded default and a TLS cluster do not.</summary>
public sealed class ClusterTransportSecurityTests
{
    [Theory]
    [InlineData(ClusteringKind.Redis, null, true)]
    [InlineData(ClusteringKind.Redis, false, true)]
    [InlineData(ClusteringKind.Redis, true, false)]
    [InlineData(ClusteringKind.Localhost, null, false)]
    public void A_plain_networked_cluster_logs_a_warning(ClusteringKind clustering, bool? tls, bool warned)
    {
        var services = new ServiceCollection();
        var options = new RegistryClusterOptions { Clustering = clustering, Tls = new RegistryClusterTlsOptions { Enabled = tls } };

        ClusterTls.AddPlainTransportWarning(services, options);

        Assert.Equal(warned, services.Any(s => s.ServiceType == typeof(IHostedService) && s.ImplementationType == typeof(PlainClusterTransportWarning)));
    }
}
