namespace Registry.Grains.Abstractions;

/// <summary>
/// A tenant's signing key as the operator lists it: <see cref="Status"/> is current (signs now), next (published,
/// signs from <see cref="ActivatesAt"/>) or previous (superseded, published until <see cref="RetiresAt"/>).
/// </summary>
[GenerateSerializer, Immutable]
[Alias("Registry.SigningKeyInfo")]
public sealed record SigningKeyInfo(
    [property: Id(0)] string KeyId,
    [property: Id(1)] string Algorithm,
    [property: Id(2)] string Status,
    [property: Id(3)] DateTimeOffset CreatedAt,
    [property: Id(4)] DateTimeOffset ActivatesAt,
    [property: Id(5)] DateTimeOffset? RetiresAt)
{
    public const string Current = "current";
    public const string Next = "next";
    public const string Previous = "previous";
}
