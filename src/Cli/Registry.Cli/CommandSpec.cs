namespace Registry.Cli;

/// <summary>One command: <c>registry-admin Group Name ARGUMENTS... [options]</c>, and what it does.</summary>
internal sealed record CommandSpec(
    string Group,
    string Name,
    string Summary,
    IReadOnlyList<string> Arguments,
    IReadOnlyList<OptionSpec> Options,
    Func<CommandContext, Task<int>> Run)
{
    public string Usage => string.Join(' ', new[] { Group, Name }.Concat(Arguments).Concat(Options.Select(o => o.Usage)));
}
