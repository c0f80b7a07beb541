namespace Registry.Cli;

/// <summary>An option a command accepts: <c>--Name VALUE</c> (or <c>--Name=VALUE</c>).</summary>
internal sealed record OptionSpec(string Name, string Value, string Description, bool Required = false)
{
    public string Usage => Required ? $"--{Name} {Value}" : $"[--{Name} {Value}]";
}
