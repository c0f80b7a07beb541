using Registry.Cli.Output;

namespace Registry.Cli;

/// <summary>The text of <c>--help</c>: for the tool, for a group of commands, for one command.</summary>
internal static class HelpWriter
{
    public const string Tool = "registry-admin";

    public static void WriteTool(TextWriter output, IReadOnlyList<CommandSpec> commands)
    {
        output.WriteLine($"{Tool}: tenants, initial access tokens and clients of a Registry deployment, through its admin API.");
        output.WriteLine();
        output.WriteLine($"Usage: {Tool} [global options] <group> <command> [arguments] [options]");
        WriteCommands(output, commands);
        WriteGlobalOptions(output);
        output.WriteLine();
        output.WriteLine($"'{Tool} <group> <command> --help' describes a command.");
    }

    public static void WriteGroup(TextWriter output, string group, IReadOnlyList<CommandSpec> commands)
    {
        output.WriteLine($"Usage: {Tool} {group} <command> [arguments] [options]");
        WriteCommands(output, [.. commands.Where(c => c.Group == group)]);
        WriteGlobalOptions(output);
    }

    public static void WriteCommand(TextWriter output, CommandSpec command)
    {
        output.WriteLine($"Usage: {Tool} {command.Usage}");
        output.WriteLine();
        output.WriteLine(command.Summary);
        if (command.Options.Count > 0)
        {
            output.WriteLine();
            output.WriteLine("Options:");
            WriteOptions(output, command.Options);
        }

        WriteGlobalOptions(output);
    }

    private static void WriteCommands(TextWriter output, IReadOnlyList<CommandSpec> commands)
    {
        output.WriteLine();
        output.WriteLine("Commands:");
        var table = new TableWriter("", "");
        foreach (var command in commands)
        {
            table.Add($"  {command.Group} {command.Name} {string.Join(' ', command.Arguments)}".TrimEnd(), command.Summary);
        }

        Rows(output, table);
    }

    private static void WriteGlobalOptions(TextWriter output)
    {
        output.WriteLine();
        output.WriteLine("Global options:");
        WriteOptions(output, GlobalOptions.Specs, ("  -h, --help", "this text"));
        output.WriteLine();
        output.WriteLine("Exit codes: 0 done; 1 the registry answered with an error (printed as 'error: <error>: <description>');");
        output.WriteLine("2 the registry could not be reached; 64 the command line is wrong.");
    }

    private static void WriteOptions(TextWriter output, IReadOnlyList<OptionSpec> options, params (string Name, string Description)[] more)
    {
        var table = new TableWriter("", "");
        foreach (var option in options)
        {
            table.Add($"  --{option.Name} {option.Value}", option.Description + (option.Required ? " (required)" : ""));
        }

        foreach (var (name, description) in more)
        {
            table.Add(name, description);
        }

        Rows(output, table);
    }

    /// <summary>A table without its header line (empty here).</summary>
    private static void Rows(TextWriter output, TableWriter table)
    {
        using var text = new StringWriter();
        table.Write(text);
        foreach (var line in text.ToString().Split('\n').Skip(1).Where(l => l.Trim().Length > 0))
        {
            output.WriteLine(line.TrimEnd('\r'));
        }
    }
}
