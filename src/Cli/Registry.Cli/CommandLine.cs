namespace Registry.Cli;

/// <summary>
/// The words of a command line split into positional arguments and <c>--name value</c> options (also
/// <c>--name=value</c>); <c>-h</c>/<c>--help</c> is the only flag, and <c>--</c> ends the options. Which options a
/// command accepts is checked later, once the command is known.
/// </summary>
internal sealed class CommandLine
{
    private CommandLine(IReadOnlyList<string> positionals, IReadOnlyDictionary<string, string> options, bool help)
    {
        Positionals = positionals;
        Options = options;
        Help = help;
    }

    public IReadOnlyList<string> Positionals { get; }

    public IReadOnlyDictionary<string, string> Options { get; }

    public bool Help { get; }

    public static CommandLine Parse(IReadOnlyList<string> args)
    {
        var positionals = new List<string>();
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        var help = false;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg == "--")
            {
                positionals.AddRange(args.Skip(i + 1));
                break;
            }

            if (arg is "-h" or "--help")
            {
                help = true;
                continue;
            }

            if (!arg.StartsWith("--", StringComparison.Ordinal) || arg.Length == 2)
            {
                positionals.Add(arg);
                continue;
            }

            var equals = arg.IndexOf('=', StringComparison.Ordinal);
            string name, value;
            if (equals > 0)
            {
                name = arg[2..equals];
                value = arg[(equals + 1)..];
            }
            else
            {
                name = arg[2..];
                if (i + 1 >= args.Count)
                {
                    throw new UsageException($"option --{name} needs a value");
                }

                value = args[++i];
            }

            if (!options.TryAdd(name, value))
            {
                throw new UsageException($"option --{name} is given twice");
            }
        }

        return new CommandLine(positionals, options, help);
    }
}
