using System.Text.Json;
using Xunit.Sdk;

namespace Registry.Cluster.Tests;

/// <summary>One local cluster (silos, gateway, Redis, Azurite) shared by the failover scenarios: starting it takes ~30 s.</summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public LocalCluster Cluster { get; } = new(silos: 2);

    public HttpClient Http { get; private set; } = null!;

    /// <summary>Every client the scenarios got a 201 for: none may ever be lost.</summary>
    public List<JsonElement> Acknowledged { get; } = [];

    /// <summary>A second gateway, once a scenario started one (cluster.sh start-gateway 2; stopped by down).</summary>
    public HttpClient? SecondGateway { get; set; }

    /// <summary>
    /// The default tenant's upstream OpenID Provider (its users sign in there), in this process; every gateway and silo
    /// of the cluster is configured with it, with public clients and the resource <see cref="Resource"/> allowed.
    /// </summary>
    public UpstreamProvider Upstream { get; private set; } = null!;

    public const string Resource = "https://api.example/mcp";

    public async Task InitializeAsync()
    {
        Upstream = await UpstreamProvider.StartAsync();
        Cluster.SetEnvironment("Registry__Tenants__default__Upstream__Issuer", Upstream.Issuer);
        Cluster.SetEnvironment("Registry__Tenants__default__Upstream__ClientId", Upstream.ClientId);
        Cluster.SetEnvironment("Registry__Tenants__default__Upstream__ClientSecret", Upstream.ClientSecret);
        Cluster.SetEnvironment("Registry__Tenants__default__AllowedTokenEndpointAuthMethods__0", "client_secret_basic");
        Cluster.SetEnvironment("Registry__Tenants__default__AllowedTokenEndpointAuthMethods__1", "client_secret_post");
        Cluster.SetEnvironment("Registry__Tenants__default__AllowedTokenEndpointAuthMethods__2", "none");
        Cluster.SetEnvironment("Registry__Tenants__default__AllowedResources__0", Resource);
        Upstream.AllowRedirectUri(Cluster.Gateway.ToString().TrimEnd('/') + "/authorize/callback");
        await Cluster.RunAsync(TimeSpan.FromMinutes(10), "up");
        Http = new HttpClient { BaseAddress = Cluster.Gateway, Timeout = TimeSpan.FromSeconds(30) };
    }

    public async Task DisposeAsync()
    {
        Http?.Dispose();
        SecondGateway?.Dispose();
        await Cluster.RunAsync("down");
        if (Upstream is not null)
        {
            await Upstream.DisposeAsync();
        }

        if (Directory.Exists(Cluster.RunDirectory))
        {
            Directory.Delete(Cluster.RunDirectory, recursive: true);
        }
    }
}

[CollectionDefinition(Name)]
public sealed class ClusterCollectionDefinition : ICollectionFixture<ClusterFixture>
{
    public const string Name = "local cluster";
}

/// <summary>
/// Runs a class's tests in the order of their names (Step1_, Step2_, ...), so measured times are comparable
/// between runs. Each scenario sets up the topology it needs, so the order is not a dependency.
/// </summary>
public sealed class StepOrderer : ITestCaseOrderer
{
    public const string TypeName = "Registry.Cluster.Tests.StepOrderer";
    public const string AssemblyName = "Registry.Cluster.Tests";

    public IEnumerable<TTestCase> OrderTestCases<TTestCase>(IEnumerable<TTestCase> testCases)
        where TTestCase : ITestCase =>
        testCases.OrderBy(t => t.TestMethod.Method.Name, StringComparer.Ordinal);
}
