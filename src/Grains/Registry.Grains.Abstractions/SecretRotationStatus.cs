namespace Registry.Grains.Abstractions;

/// <summary>How a client grain answered an operator's secret rotation.</summary>
[GenerateSerializer]
[Alias("Registry.SecretRotationStatus")]
public enum SecretRotationStatus
{
    Rotated = 0,

    /// <summary>No such client (never registered, or deleted).</summary>
    NotFound = 1,

    /// <summary>A public client (token_endpoint_auth_method none) has no secret to rotate.</summary>
    PublicClient = 2,
}
