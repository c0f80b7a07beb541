namespace Registry.Protocol.Metadata;

/// <summary>When an RFC 7592 update hands a client a new secret (wire names in <see cref="SecretRotations"/>).</summary>
public enum SecretRotation
{
    /// <summary>Never on an update (the admin API can still rotate). The default.</summary>
    Never,

    /// <summary>On every update of a confidential client's registration.</summary>
    OnUpdate,

    /// <summary>On an update within the last quarter of the secret's lifetime (needs a secret lifetime).</summary>
    NearExpiry,
}
