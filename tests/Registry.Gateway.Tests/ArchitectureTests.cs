using System.Reflection;
using Registry.Grains.Abstractions;
using Registry.Protocol.Metadata;

namespace Registry.Gateway.Tests;

/// <summary>DESIGN.md §3: the Gateway sees grain interfaces only; the protocol core depends on nothing but the BCL.</summary>
public sealed class ArchitectureTests
{
    [Fact]
    public void The_gateway_assembly_does_not_reference_the_grain_implementations()
    {
        var references = typeof(RegistryGatewayApp).Assembly.GetReferencedAssemblies().Select(a => a.Name).ToList();

        Assert.Contains("Registry.Grains.Abstractions", references);
        Assert.DoesNotContain("Registry.Grains", references);
        Assert.DoesNotContain(typeof(RegistryGatewayApp).Assembly.GetTypes(), t => t.Namespace?.StartsWith("Registry.Grains.Clients", StringComparison.Ordinal) == true);
    }

    [Fact]
    public void Grain_implementations_are_not_visible_outside_their_assembly()
    {
        var grains = Assembly.Load("Registry.Grains").GetTypes().Where(t => typeof(Grain).IsAssignableFrom(t)).ToList();

        Assert.NotEmpty(grains);
        Assert.All(grains, t => Assert.False(t.IsPublic, $"{t} is public"));
        Assert.All(grains, t => Assert.True(t.IsSealed, $"{t} is not sealed"));
    }

    [Fact]
    public void The_protocol_core_references_only_the_base_class_library()
    {
        var references = typeof(ClientMetadata).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();

        Assert.All(references, name => Assert.True(name.StartsWith("System", StringComparison.Ordinal), $"Registry.Protocol references {name}"));
    }

    [Fact]
    public void Grain_interfaces_live_in_the_abstractions_assembly()
    {
        Assert.Equal("Registry.Grains.Abstractions", typeof(IClientGrain).Assembly.GetName().Name);
        Assert.Equal("Registry.Grains.Abstractions", typeof(ITenantGrain).Assembly.GetName().Name);
    }
}
