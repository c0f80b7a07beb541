namespace Registry.Grains.Abstractions;

/// <summary>What <see cref="IClientGrain.ReapIfIdle"/> did to one client.</summary>
[GenerateSerializer]
[Alias("Registry.IdleReapResult")]
public enum IdleReapResult
{
    /// <summary>Not idle long enough, or disabled by an operator: left as it was.</summary>
    Kept = 0,

    Disabled = 1,

    Deleted = 2,

    /// <summary>No such client (deleted before, or never stored).</summary>
    NotFound = 3,
}
