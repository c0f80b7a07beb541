using Registry.Gateway.Tests.Infrastructure;

namespace Registry.Gateway.Tests;

/// <summary>The embedded default co-hosts its silo, which places Registry's grains on itself (no hop between HTTP and grain).</summary>
[Collection(ServerCollectionDefinition.Name)]
public sealed class EmbeddedModeTests(ServerFixture fixture)
{
    [Theory]
    [InlineData("client")]
    [InlineData("tenant")]
    public void Registry_grains_prefer_the_local_silo_when_the_gateway_co_hosts_it(string grainType)
    {
        var resolver = fixture.Server.Services.GetRequiredService<Orleans.Runtime.Placement.PlacementStrategyResolver>();

        Assert.IsType<Orleans.Runtime.PreferLocalPlacement>(resolver.GetPlacementStrategy(Orleans.Runtime.GrainType.Create(grainType)));
    }
}
