namespace Registry.Protocol.Metadata;

/// <summary>The wire (JSON and configuration) names of <see cref="SecretRotation"/> values.</summary>
public static class SecretRotations
{
    public const string Never = "never";
    public const string OnUpdate = "on_update";
    public const string NearExpiry = "near_expiry";

    /// <summary>Every wire name, in the order of the enum.</summary>
    public static readonly IReadOnlyList<string> All = [Never, OnUpdate, NearExpiry];

    public static string ToWire(SecretRotation rotation) => rotation switch
    {
        SecretRotation.Never => Never,
        SecretRotation.OnUpdate => OnUpdate,
        SecretRotation.NearExpiry => NearExpiry,
        // Stryker disable once String : the exception's message is not a contract.
        _ => throw new ArgumentOutOfRangeException(nameof(rotation), rotation, "not a secret rotation"),
    };

    /// <summary>Reads a wire name, exactly (case-sensitive).</summary>
    public static bool TryParse(string? value, out SecretRotation rotation)
    {
        (var known, rotation) = value switch
        {
            Never => (true, SecretRotation.Never),
            OnUpdate => (true, SecretRotation.OnUpdate),
            NearExpiry => (true, SecretRotation.NearExpiry),
            _ => (false, SecretRotation.Never),
        };
        return known;
    }
}
