namespace Registry.Testing;

/// <summary>Where the repository is, found from the test binaries (tests read deployment files and scripts).</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = Find();

    private static string Find()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Registry.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Registry.sln not found above the test binaries");
    }
}
