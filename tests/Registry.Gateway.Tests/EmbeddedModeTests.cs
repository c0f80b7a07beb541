using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using Microsoft.Extensions.Options;
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

    [Fact]
    public void The_co_hosted_silo_listens_on_loopback_only()
    {
        // Not encrypted (the embedded default has no certificates): only this machine's processes may reach these ports.
        var endpoints = fixture.Server.Services.GetRequiredService<IOptions<Orleans.Configuration.EndpointOptions>>().Value;
        int[] ports = [endpoints.SiloPort, endpoints.GatewayPort];

        var listeners = ListenersOn(ports);

        Assert.Equal(ports.Order(), listeners.Select(l => l.Port).Distinct().Order());
        Assert.All(listeners, l => Assert.True(IPAddress.IsLoopback(l.Address), $"port {l.Port} listens on {l.Address}"));
    }

    [Fact]
    public void The_loopback_check_sees_a_listener_on_every_address()
    {
        // The check above would fail for a silo bound to 0.0.0.0: a listener on every address is not a loopback one.
        var port = TestPorts.Next();
        var listener = new TcpListener(IPAddress.Any, port);
        listener.Start();
        try
        {
            var listening = Assert.Single(ListenersOn([port]));
            Assert.False(IPAddress.IsLoopback(listening.Address));
        }
        finally
        {
            listener.Stop();
        }
    }

    private static IPEndPoint[] ListenersOn(int[] ports) =>
        [.. IPGlobalProperties.GetIPGlobalProperties().GetActiveTcpListeners().Where(l => ports.Contains(l.Port))];
}
