namespace Registry.Grains.Abstractions;

/// <summary>A tenant's name in the tenant index; <see cref="Configured"/>: named in configuration (else created at runtime).</summary>
[GenerateSerializer, Immutable]
[Alias("Registry.TenantIndexEntry")]
public sealed record TenantIndexEntry(
    [property: Id(0)] string Name,
    [property: Id(1)] bool Configured);
