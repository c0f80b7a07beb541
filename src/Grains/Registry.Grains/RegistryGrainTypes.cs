using Registry.Grains.Clients;

namespace Registry.Grains;

/// <summary>Names hosts need for per-type grain settings, without seeing the (internal) grain classes.</summary>
public static class RegistryGrainTypes
{
    /// <summary>Full class name of the client grain (Orleans keys per-class collection ages by it).</summary>
    public static readonly string ClientGrainClassName = typeof(ClientGrain).FullName!;
}
