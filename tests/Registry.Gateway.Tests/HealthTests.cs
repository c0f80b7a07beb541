using System.Net;
using System.Reflection;
using System.Text.Json;
using Registry.Gateway.Tests.Infrastructure;
using Registry.Hosting;

namespace Registry.Gateway.Tests;

/// <summary>Liveness and readiness for load balancers and orchestrators, with the version that answers.</summary>
[Collection(ServerCollectionDefinition.Name)]
public sealed class HealthTests(ServerFixture fixture)
{
    [Fact]
    public async Task Liveness_answers_while_the_process_runs_with_its_version()
    {
        var response = await fixture.Http.GetAsync("/healthz/live");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Healthy", body.RootElement.GetProperty("status").GetString());
        Assert.Equal(ExpectedVersion(), body.RootElement.GetProperty("version").GetString());
        Assert.False(body.RootElement.TryGetProperty("checks", out _));
    }

    [Fact]
    public async Task Readiness_answers_when_the_cluster_has_an_active_silo_with_each_check_and_the_version()
    {
        var response = await fixture.Http.GetAsync("/healthz/ready");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Healthy", body.RootElement.GetProperty("status").GetString());
        Assert.Equal(ExpectedVersion(), body.RootElement.GetProperty("version").GetString());
        Assert.Equal("Healthy", body.RootElement.GetProperty("checks").GetProperty("cluster").GetString());
    }

    [Fact]
    public void The_version_is_minvers_from_git_without_build_metadata()
    {
        var version = ExpectedVersion();

        Assert.Equal(version, RegistryVersion.Current);
        Assert.DoesNotContain("+", version, StringComparison.Ordinal);
        Assert.NotEqual("1.0.0", version);
        Assert.NotEqual("0.0.0", version);

        // Untagged history (this repository has no v-tag yet): 0.2.0-alpha.0.<height>; a tag vX.Y.Z gives X.Y.Z (>= 0.2).
        Assert.Matches(@"^(0\.2\.0-alpha\.0\.[0-9]+|[0-9]+\.[0-9]+\.[0-9]+(-[0-9A-Za-z.-]+)?)$", version);
        var core = Version.Parse(version.Split('-')[0]);
        Assert.True(core >= new Version(0, 2, 0), version);
    }

    /// <summary>What MinVer stamped on the gateway assembly, without its +commit metadata.</summary>
    internal static string ExpectedVersion() =>
        typeof(RegistryGatewayApp).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion.Split('+')[0];
}
