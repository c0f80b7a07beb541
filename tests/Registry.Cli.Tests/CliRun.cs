namespace Registry.Cli.Tests;

/// <summary>One run of registry-admin against a <see cref="FakeRegistry"/>: exit code and what it printed.</summary>
internal sealed record CliRun(int ExitCode, string Output, string Error)
{
    public static async Task<CliRun> RunAsync(FakeRegistry registry, string[] args, Dictionary<string, string>? environment = null)
    {
        using var output = new StringWriter { NewLine = "\n" };
        using var error = new StringWriter { NewLine = "\n" };
        var app = new CliApp(output, error, name => environment?.GetValueOrDefault(name), registry);
        var code = await app.RunAsync(args);
        return new CliRun(code, output.ToString(), error.ToString());
    }

    public string[] OutputLines => Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
}
