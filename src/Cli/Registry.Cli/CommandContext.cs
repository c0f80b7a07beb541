using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Registry.Cli.Http;
using Registry.Cli.Output;

namespace Registry.Cli;

/// <summary>What a command runs with: its arguments and options, the admin API, and where and how it prints.</summary>
internal sealed class CommandContext(
    IReadOnlyDictionary<string, string> arguments,
    IReadOnlyDictionary<string, string> options,
    AdminApiClient api,
    OutputFormat format,
    TextWriter output,
    CancellationToken cancellationToken)
{
    public AdminApiClient Api { get; } = api;

    public OutputFormat Format { get; } = format;

    public TextWriter Output { get; } = output;

    public CancellationToken CancellationToken { get; } = cancellationToken;

    public string Argument(string name) => arguments[name];

    public string? Option(string name) => options.TryGetValue(name, out var value) ? value : null;

    /// <summary>A whole-number option (digits only), or null when not given.</summary>
    public long? NumberOption(string name)
    {
        var value = Option(name);
        if (value is null)
        {
            return null;
        }

        return long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            ? number
            : throw new UsageException($"--{name} must be a whole number, not '{value}'");
    }

    /// <summary>A space-separated list option ("a b") as a JSON array, or null when not given.</summary>
    public JsonArray? ListOption(string name) =>
        Option(name) is { } value
            ? [.. value.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(s => (JsonNode?)JsonValue.Create(s))]
            : null;

    /// <summary>In JSON mode the answer as it came (nothing for an empty answer); in table mode, <paramref name="table"/>.</summary>
    public void Print(JsonElement? answer, Action<JsonElement> table)
    {
        if (Format == OutputFormat.Json)
        {
            if (answer is { } json)
            {
                Output.WriteLine(Display.Json(json));
            }

            return;
        }

        table(answer ?? default);
    }

    /// <summary>An object as NAME VALUE rows, one per member, skipping <paramref name="except"/>.</summary>
    public void PrintObject(JsonElement value, params string[] except)
    {
        var table = new TableWriter("FIELD", "VALUE");
        if (value.ValueKind == JsonValueKind.Object)
        {
            foreach (var member in value.EnumerateObject().Where(m => !except.Contains(m.Name)))
            {
                table.Add(member.Name, Display.Value(member.Name, member.Value));
            }
        }

        table.Write(Output);
    }

    /// <summary>The line a list ends with when there is a further page.</summary>
    public void PrintNextCursor(JsonElement page)
    {
        if (Display.Member(page, "next_cursor") is { ValueKind: JsonValueKind.String } cursor)
        {
            Output.WriteLine();
            Output.WriteLine($"next cursor: {Display.Clean(cursor.GetString()!)}  (the next page: the same command with --cursor and this value)");
        }
    }
}
