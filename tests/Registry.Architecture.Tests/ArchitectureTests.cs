using System.Reflection;
using Registry.Gateway;
using Registry.Grains.Abstractions;
using Registry.Hosting;
using Registry.Protocol.Metadata;
using Registry.Silo.Hosting;

namespace Registry.Architecture.Tests;

/// <summary>
/// The dependency rules of docs/architecture.md: the protocol core depends on the BCL only; the HTTP gateway
/// sees the cluster through grain interfaces only; what every host shares knows nothing of Orleans; grain
/// implementations are sealed and internal.
/// </summary>
public sealed class ArchitectureTests
{
    [Fact]
    public void The_protocol_core_references_only_the_base_class_library()
    {
        var references = References(typeof(ClientMetadata).Assembly);

        Assert.All(references, name => Assert.True(name.StartsWith("System", StringComparison.Ordinal), $"Registry.Protocol references {name}"));
    }

    [Fact]
    public void The_gateway_sees_grains_through_their_interfaces_only()
    {
        var references = References(typeof(RegistryGatewayApp).Assembly);

        Assert.Contains("Registry.Grains.Abstractions", references);
        Assert.DoesNotContain("Registry.Grains", references);
        Assert.DoesNotContain(typeof(RegistryGatewayApp).Assembly.GetTypes(), t => t.Namespace?.StartsWith("Registry.Grains", StringComparison.Ordinal) == true);
    }

    [Fact]
    public void What_every_host_shares_knows_nothing_of_orleans_or_grains()
    {
        var references = References(typeof(StartupErrors).Assembly);

        Assert.DoesNotContain(references, name => name.StartsWith("Orleans", StringComparison.Ordinal) || name.StartsWith("Registry.Grains", StringComparison.Ordinal));
    }

    [Fact]
    public void Grains_know_no_host_and_no_http()
    {
        var references = References(Assembly.Load("Registry.Grains"));

        Assert.DoesNotContain(references, name => name is "Registry.Hosting" or "Registry.Silo.Hosting" || name.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal));
    }

    [Fact]
    public void Grain_implementations_are_sealed_and_not_visible_outside_their_assembly()
    {
        var grains = Assembly.Load("Registry.Grains").GetTypes().Where(t => typeof(Grain).IsAssignableFrom(t)).ToList();

        Assert.NotEmpty(grains);
        Assert.All(grains, t => Assert.False(t.IsPublic, $"{t} is public"));
        Assert.All(grains, t => Assert.True(t.IsSealed, $"{t} is not sealed"));
    }

    [Fact]
    public void Grain_interfaces_and_their_messages_live_in_the_abstractions_assembly()
    {
        Assert.Equal("Registry.Grains.Abstractions", typeof(IClientGrain).Assembly.GetName().Name);
        Assert.Equal("Registry.Grains.Abstractions", typeof(ITenantGrain).Assembly.GetName().Name);
        var ours = typeof(IClientGrain).Assembly.GetTypes().Where(t => t.IsPublic && t.Namespace?.StartsWith("OrleansCodeGen", StringComparison.Ordinal) != true);
        Assert.All(ours, t => Assert.Equal("Registry.Grains.Abstractions", t.Namespace));
    }

    [Fact]
    public void The_silo_host_builds_on_what_every_host_shares()
    {
        Assert.Contains("Registry.Hosting", References(typeof(RegistrySiloBuilderExtensions).Assembly));
    }

    private static List<string> References(Assembly assembly) => [.. assembly.GetReferencedAssemblies().Select(a => a.Name!)];
}
