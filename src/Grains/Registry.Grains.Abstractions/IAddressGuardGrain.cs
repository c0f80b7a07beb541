namespace Registry.Grains.Abstractions;

/// <summary>
/// Failed authentications from one source address at one tenant (key: <see cref="AddressKey"/>), counted
/// for the whole cluster, so spreading attempts over gateways gains nothing. Only failures call it.
/// </summary>
[Alias("Registry.IAddressGuardGrain")]
public interface IAddressGuardGrain : IGrainWithStringKey
{
    /// <summary>Counts a failure; answers how long the address must now wait (zero below the threshold).</summary>
    [Alias("RecordFailure")]
    Task<TimeSpan> RecordFailure();
}
