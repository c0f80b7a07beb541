using System.Net;
using Registry.Gateway.Tests.Infrastructure;

namespace Registry.Gateway.Tests;

/// <summary>Liveness and readiness for load balancers and orchestrators.</summary>
[Collection(ServerCollectionDefinition.Name)]
public sealed class HealthTests(ServerFixture fixture)
{
    [Fact]
    public async Task Liveness_answers_while_the_process_runs()
    {
        var response = await fixture.Http.GetAsync("/healthz/live");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Readiness_answers_when_the_cluster_has_an_active_silo()
    {
        var response = await fixture.Http.GetAsync("/healthz/ready");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }
}
