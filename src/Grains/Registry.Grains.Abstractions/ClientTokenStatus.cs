namespace Registry.Grains.Abstractions;

/// <summary>Whether a client's tokens may be reported active at introspection (RFC 7662): only an existing, enabled client's.</summary>
[GenerateSerializer]
[Alias("Registry.ClientTokenStatus")]
public enum ClientTokenStatus
{
    /// <summary>Never registered here (or its stored row is gone).</summary>
    Unknown = 0,

    Active = 1,

    /// <summary>Disabled by an operator or as idle: its tokens are inactive until it is enabled again.</summary>
    Disabled = 2,

    /// <summary>Deleted (a tombstone): its tokens are inactive for good.</summary>
    Deleted = 3,
}
