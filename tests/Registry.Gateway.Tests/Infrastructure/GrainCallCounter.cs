using System.Collections.Concurrent;

namespace Registry.Gateway.Tests.Infrastructure;

/// <summary>Counts the grain calls the embedded silo receives, per grain type and per grain (an incoming grain call filter).</summary>
public sealed class GrainCallCounter : IIncomingGrainCallFilter
{
    private readonly ConcurrentDictionary<string, int> _byType = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<GrainId, int> _byGrain = new();

    /// <summary>Calls received so far by grains of this type ("client", "tenant").</summary>
    public int Calls(string grainType) => _byType.GetValueOrDefault(grainType);

    /// <summary>Calls received so far by one grain.</summary>
    public int Calls(string grainType, string key) => _byGrain.GetValueOrDefault(GrainId.Create(grainType, key));

    public Task Invoke(IIncomingGrainCallContext context)
    {
        _byType.AddOrUpdate(context.TargetId.Type.ToString()!, 1, (_, count) => count + 1);
        _byGrain.AddOrUpdate(context.TargetId, 1, (_, count) => count + 1);
        return context.Invoke();
    }
}
