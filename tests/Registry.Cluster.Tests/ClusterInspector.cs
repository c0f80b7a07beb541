using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Registry.Silo.Hosting;

namespace Registry.Cluster.Tests;

/// <summary>An Orleans client joined to the test cluster through Redis, the way an operator's tooling would, to see silos and activations.</summary>
public sealed class ClusterInspector : IAsyncDisposable
{
    private readonly IHost _host;

    private ClusterInspector(IHost host) => _host = host;

    /// <summary>Joins with the gateways' certificate when the cluster runs TLS (<see cref="LocalCluster.ClientTlsSettings"/>).</summary>
    public static Task<ClusterInspector> ConnectAsync(LocalCluster cluster) =>
        ConnectAsync(cluster, cluster.ClientTlsSettings, TimeSpan.FromSeconds(60));

    /// <summary>Joins with the given "Registry:Cluster:Tls" settings (e.g. none, or another CA's certificate), giving up after <paramref name="timeout"/>.</summary>
    public static async Task<ClusterInspector> ConnectAsync(LocalCluster cluster, IReadOnlyDictionary<string, string?> tlsSettings, TimeSpan timeout)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Registry:Cluster:Mode"] = "Client",
            ["Registry:Cluster:Clustering"] = "Redis",
            ["Registry:Cluster:RedisConnectionString"] = cluster.RedisConnectionString,
            ["Registry:Cluster:ClusterId"] = "registry-test",
        }.Concat(tlsSettings));
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleansClient(client => client.AddRegistryCluster(builder.Configuration));
        var host = builder.Build();
        try
        {
            await host.StartAsync().WaitAsync(timeout);
        }
        catch
        {
            using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await host.StopAsync(stopping.Token).ContinueWith(_ => { }, TaskScheduler.Default);
            host.Dispose();
            throw;
        }

        return new ClusterInspector(host);
    }

    private IManagementGrain Management => _host.Services.GetRequiredService<IClusterClient>().GetGrain<IManagementGrain>(0);

    /// <summary>Ports of the silos the membership table lists as active (asked with a short bound, so polling stays precise).</summary>
    public async Task<IReadOnlyList<int>> ActiveSiloPortsAsync()
    {
        var hosts = await Management.GetHosts(onlyActive: true).WaitAsync(TimeSpan.FromSeconds(1));
        return [.. hosts.Keys.Select(s => s.Endpoint.Port).Order()];
    }

    /// <summary>A grain call with a generous bound: how many silos the membership table lists as active.</summary>
    public async Task<int> ActiveSiloCountAsync(TimeSpan timeout) =>
        (await Management.GetHosts(onlyActive: true).WaitAsync(timeout)).Count;

    /// <summary>Client-grain activations per silo port.</summary>
    public async Task<IReadOnlyDictionary<int, int>> ClientActivationsAsync()
    {
        var statistics = await Management.GetSimpleGrainStatistics().WaitAsync(TimeSpan.FromSeconds(10));
        return statistics
            .Where(s => s.GrainType.Contains("ClientGrain", StringComparison.Ordinal))
            .GroupBy(s => s.SiloAddress.Endpoint.Port)
            .ToDictionary(g => g.Key, g => g.Sum(s => s.ActivationCount));
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync().WaitAsync(TimeSpan.FromSeconds(10));
        _host.Dispose();
    }
}
