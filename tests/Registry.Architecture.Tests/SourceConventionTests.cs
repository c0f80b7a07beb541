using System.Text.RegularExpressions;

namespace Registry.Architecture.Tests;

/// <summary>The coding conventions of docs/architecture.md that a compiler does not check.</summary>
public sealed partial class SourceConventionTests
{
    public static TheoryData<string> SourceFiles => [.. Directory.EnumerateFiles(Path.Combine(RepositoryPaths.Root, "src"), "*.cs", SearchOption.AllDirectories)
        .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
            && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
            && Path.GetFileName(f) != "Program.cs")
        .Select(f => Path.GetRelativePath(RepositoryPaths.Root, f))];

    [Theory]
    [MemberData(nameof(SourceFiles))]
    public void A_file_declares_one_top_level_type_named_like_the_file(string file)
    {
        var types = TopLevelType().Matches(File.ReadAllText(Path.Combine(RepositoryPaths.Root, file))).Select(m => m.Groups["name"].Value).ToList();

        Assert.Equal([Path.GetFileNameWithoutExtension(file)], types);
    }

    [Theory]
    [MemberData(nameof(SourceFiles))]
    public void The_namespace_starts_with_the_project_name(string file)
    {
        var project = Path.GetFileName(Path.GetDirectoryName(Directory.EnumerateFiles(
            AncestorWithProject(Path.GetDirectoryName(Path.Combine(RepositoryPaths.Root, file))!), "*.csproj").Single()))!;
        var ns = Namespace().Match(File.ReadAllText(Path.Combine(RepositoryPaths.Root, file))).Groups["name"].Value;

        Assert.True(ns == project || ns.StartsWith(project + ".", StringComparison.Ordinal), $"{file}: namespace {ns} in project {project}");
    }

    [Fact]
    public void No_work_item_numbers_or_customer_spec_jargon_in_code()
    {
        var offenders = Directory.EnumerateFiles(RepositoryPaths.Root, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(f => Jargon().IsMatch(File.ReadAllText(f)))
            .Select(f => Path.GetRelativePath(RepositoryPaths.Root, f))
            .ToList();

        Assert.Empty(offenders);
    }

    private static string AncestorWithProject(string directory)
    {
        for (var current = new DirectoryInfo(directory); current is not null; current = current.Parent)
        {
            if (current.EnumerateFiles("*.csproj").Any())
            {
                return current.FullName;
            }
        }

        throw new InvalidOperationException($"no project above {directory}");
    }

    [GeneratedRegex(@"^(?:public |internal )?(?:(?:sealed|static|abstract|partial|readonly) )*(?:class|record(?: struct)?|struct|interface|enum) (?<name>\w+)", RegexOptions.Multiline)]
    private static partial Regex TopLevelType();

    [GeneratedRegex(@"^namespace (?<name>[\w.]+);", RegexOptions.Multiline)]
    private static partial Regex Namespace();

    [GeneratedRegex(@"\b(?:[Ss]eed(?:'s)?\b|[Ii]ssue #?\d+)")]
    private static partial Regex Jargon();
}
