namespace Registry.Hosting.Management;

/// <summary>Marks an endpoint served only on the management port (when there is one).</summary>
internal sealed class ManagementEndpointMetadata
{
    public static readonly ManagementEndpointMetadata Instance = new();
}
