namespace Registry.Grains.Abstractions;

/// <summary>How a client grain answered an operator's change.</summary>
[GenerateSerializer]
[Alias("Registry.ClientAdminStatus")]
public enum ClientAdminStatus
{
    Ok = 0,

    /// <summary>No such client (never registered, or deleted).</summary>
    NotFound = 1,
}
