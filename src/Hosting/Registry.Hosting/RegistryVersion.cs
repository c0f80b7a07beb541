using System.Reflection;

namespace Registry.Hosting;

/// <summary>
/// The version of this build as MinVer computed it from git (the nearest v-tag, else 0.2.0-alpha.0.&lt;height&gt;),
/// without the +commit metadata: what service.version and the health response report.
/// </summary>
public static class RegistryVersion
{
    public static string Current { get; } = Of(typeof(RegistryVersion).Assembly);

    /// <summary>The informational version of <paramref name="assembly"/> without its build metadata.</summary>
    public static string Of(Assembly assembly)
    {
        var informational = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
        var plus = informational.IndexOf('+', StringComparison.Ordinal);
        return plus < 0 ? informational : informational[..plus];
    }
}
