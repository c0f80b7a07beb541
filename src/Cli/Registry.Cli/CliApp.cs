using Registry.Cli.Commands;
using Registry.Cli.Http;

namespace Registry.Cli;

/// <summary>
/// registry-admin: reads the command line, finds the command, runs it against the admin API through the given
/// HTTP handler and says how it went with an exit code (<see cref="ExitCodes"/>). Results go to the output writer,
/// errors to the error writer; the operator's secret is never written anywhere.
/// </summary>
internal sealed class CliApp(TextWriter output, TextWriter error, Func<string, string?> environment, HttpMessageHandler handler)
{
    public static IReadOnlyList<CommandSpec> Commands { get; } = [.. TenantCommands.All, .. TokenCommands.All, .. ClientCommands.All];

    public async Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken = default)
    {
        CommandLine line;
        try
        {
            line = CommandLine.Parse(args);
        }
        catch (UsageException e)
        {
            return Usage(e.Message, null);
        }

        var words = line.Positionals;
        if (words.Count == 0)
        {
            if (line.Help)
            {
                HelpWriter.WriteTool(output, Commands);
                return ExitCodes.Success;
            }

            HelpWriter.WriteTool(error, Commands);
            return ExitCodes.Usage;
        }

        if (!Commands.Any(c => c.Group == words[0]))
        {
            return Usage($"unknown command '{words[0]}'", null);
        }

        var command = words.Count > 1 ? Commands.SingleOrDefault(c => c.Group == words[0] && c.Name == words[1]) : null;
        if (command is null)
        {
            if (line.Help && words.Count == 1)
            {
                HelpWriter.WriteGroup(output, words[0], Commands);
                return ExitCodes.Success;
            }

            return Usage(words.Count == 1 ? $"'{words[0]}' needs a command" : $"unknown command '{words[0]} {words[1]}'", words[0]);
        }

        if (line.Help)
        {
            HelpWriter.WriteCommand(output, command);
            return ExitCodes.Success;
        }

        try
        {
            var context = Bind(command, line, cancellationToken, out var http);
            using (http)
            {
                return await command.Run(context);
            }
        }
        catch (UsageException e)
        {
            return Usage(e.Message, $"{command.Group} {command.Name}");
        }
        catch (ApiErrorException e)
        {
            error.WriteLine($"error: {Output.Display.Clean(e.Message)}");
            return ExitCodes.ApiError;
        }
        catch (RegistryUnreachableException e)
        {
            error.WriteLine($"error: {Output.Display.Clean(e.Message)}");
            return ExitCodes.Unreachable;
        }
    }

    private CommandContext Bind(CommandSpec command, CommandLine line, CancellationToken cancellationToken, out HttpClient http)
    {
        var arguments = line.Positionals.Skip(2).ToList();
        if (arguments.Count != command.Arguments.Count)
        {
            throw new UsageException(arguments.Count < command.Arguments.Count
                ? $"missing {string.Join(' ', command.Arguments.Skip(arguments.Count))}"
                : $"unexpected argument '{arguments[command.Arguments.Count]}'");
        }

        var known = command.Options.Concat(GlobalOptions.Specs).Select(o => o.Name).ToHashSet(StringComparer.Ordinal);
        if (line.Options.Keys.FirstOrDefault(name => !known.Contains(name)) is { } unknown)
        {
            throw new UsageException($"unknown option --{unknown}");
        }

        if (command.Options.FirstOrDefault(o => o.Required && !line.Options.ContainsKey(o.Name)) is { } missing)
        {
            throw new UsageException($"missing --{missing.Name} {missing.Value}");
        }

        var settings = GlobalOptions.Resolve(line.Options, environment);
        http = new HttpClient(handler, disposeHandler: false) { Timeout = TimeSpan.FromSeconds(100) };
        var api = new AdminApiClient(http, settings.Url, settings.ClientId, settings.ClientSecret);
        var named = command.Arguments.Select((name, i) => (name, value: arguments[i])).ToDictionary(a => a.name, a => a.value, StringComparer.Ordinal);
        return new CommandContext(named, line.Options, api, settings.Output, output, cancellationToken);
    }

    private int Usage(string message, string? command)
    {
        error.WriteLine($"error: {Output.Display.Clean(message)}");
        error.WriteLine($"'{HelpWriter.Tool} {(command is null ? "" : command + " ")}--help' shows the usage.");
        return ExitCodes.Usage;
    }
}
