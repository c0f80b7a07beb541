using Orleans.Metadata;
using Orleans.Runtime.Placement;
using Registry.Grains;

namespace Registry.Silo.Hosting;

/// <summary>
/// Where a gateway co-hosts a silo, Registry's grains are placed on the silo that received the request, so
/// the HTTP request and its grain call stay in one process (no network hop). Standalone silos keep Orleans'
/// default, resource-optimized placement: a cluster-mode gateway reaches them over the network anyway, and
/// that placement spreads new activations onto silos that just joined.
/// </summary>
internal sealed class CoHostedPlacement : IPlacementStrategyResolver
{
    private static readonly PlacementStrategy PreferLocal = new Orleans.Runtime.PreferLocalPlacement();

    public bool TryResolvePlacementStrategy(GrainType grainType, GrainProperties? properties, out PlacementStrategy result)
    {
        var name = grainType.ToString();
        result = PreferLocal;
        return name is RegistryGrainTypes.Client or RegistryGrainTypes.Tenant or RegistryGrainTypes.ClientIndex;
    }
}
