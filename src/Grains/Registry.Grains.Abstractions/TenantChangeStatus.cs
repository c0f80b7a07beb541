namespace Registry.Grains.Abstractions;

/// <summary>How a tenant grain answered a create, update or delete of a runtime tenant.</summary>
[GenerateSerializer]
[Alias("Registry.TenantChangeStatus")]
public enum TenantChangeStatus
{
    Ok = 0,

    /// <summary>A create found the tenant already there (with another definition).</summary>
    Exists = 1,

    /// <summary>An update or delete found no such tenant.</summary>
    NotFound = 2,

    /// <summary>The tenant is named in configuration: it is changed there, not at runtime.</summary>
    Configured = 3,

    /// <summary>A create would exceed the number of runtime tenants the tenant index holds.</summary>
    LimitReached = 4,
}
