namespace Registry.Hosting.Configuration;

/// <summary>Where grain state lives.</summary>
public enum StorageKind
{
    Memory,
    AzureTable,
}
