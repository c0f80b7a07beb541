namespace Registry.Grains.Abstractions;

/// <summary>A page of tenant names in ordinal order; <see cref="More"/>: names follow the last one.</summary>
[GenerateSerializer, Immutable]
[Alias("Registry.TenantIndexPage")]
public sealed record TenantIndexPage(
    [property: Id(0)] TenantIndexEntry[] Tenants,
    [property: Id(1)] bool More);
