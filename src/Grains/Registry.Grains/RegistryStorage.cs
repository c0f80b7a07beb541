namespace Registry.Grains;

/// <summary>The named grain storage every persisted Registry grain uses; silo hosts register a provider under it.</summary>
public static class RegistryStorage
{
    public const string Name = "registry";
}
