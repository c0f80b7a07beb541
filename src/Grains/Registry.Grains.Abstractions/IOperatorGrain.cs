namespace Registry.Grains.Abstractions;

/// <summary>The operator of the deployment (key: <see cref="Key"/>): the signing keys of the admin API's tokens.</summary>
[Alias("Registry.IOperatorGrain")]
public interface IOperatorGrain : IGrainWithStringKey
{
    public const string Key = "operator";

    /// <summary>The operator's signing keys, current first: an ES256 key generated on first use and persisted.</summary>
    [Alias("GetSigningKeys")]
    Task<SigningKeyMaterial[]> GetSigningKeys();
}
