namespace Registry.Grains.Abstractions;

/// <summary>
/// A reserved slot of a tenant's client quota (when <see cref="Admission"/> grants it) and the client's
/// sequence number: increasing per tenant, never handed out twice (gaps are possible); -1 when refused.
/// </summary>
[GenerateSerializer, Immutable]
[Alias("Registry.ClientSlot")]
public sealed record ClientSlot(
    [property: Id(0)] Admission Admission,
    [property: Id(1)] long Sequence)
{
    public static ClientSlot Refused(Admission admission) => new(admission, -1);
}
