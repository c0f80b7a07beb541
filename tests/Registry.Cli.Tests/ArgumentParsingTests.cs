using System.Net;
using System.Text;

namespace Registry.Cli.Tests;

/// <summary>The command line: global options and their fallbacks, usage errors (exit 64, no request), --help.</summary>
public sealed class ArgumentParsingTests
{
    private const string EmptyList = """{"tenants":[],"next_cursor":null}""";

    [Fact]
    public async Task Defaults_are_the_development_operator_on_localhost_5000()
    {
        var registry = new FakeRegistry().Answer(HttpStatusCode.OK, EmptyList);

        var run = await CliRun.RunAsync(registry, ["tenants", "list"]);

        Assert.Equal(0, run.ExitCode);
        var token = registry.Requests[0];
        Assert.Equal("POST", token.Method);
        Assert.Equal("http://localhost:5000/admin/token", token.Uri.AbsoluteUri);
        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("operator:password")), token.Authorization);
        Assert.Equal("application/x-www-form-urlencoded", token.ContentType);
        Assert.Equal("grant_type=client_credentials&scope=registry%3Aadmin", token.Body);
        Assert.Equal("http://localhost:5000/admin/tenants", registry.ApiRequests[0].Uri.AbsoluteUri);
        Assert.Equal("Bearer " + FakeRegistry.AccessToken, registry.ApiRequests[0].Authorization);
    }

    [Fact]
    public async Task The_environment_supplies_url_and_credentials()
    {
        var registry = new FakeRegistry().Answer(HttpStatusCode.OK, EmptyList);
        var environment = new Dictionary<string, string>
        {
            ["REGISTRY_URL"] = "https://id.example.com/",
            ["REGISTRY_OPERATOR_CLIENT_ID"] = "ops",
            ["REGISTRY_OPERATOR_CLIENT_SECRET"] = "s3cret",
        };

        var run = await CliRun.RunAsync(registry, ["tenants", "list"], environment);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("https://id.example.com/admin/token", registry.Requests[0].Uri.AbsoluteUri);
        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("ops:s3cret")), registry.Requests[0].Authorization);
    }

    [Fact]
    public async Task Options_win_over_the_environment_anywhere_on_the_line_and_in_either_form()
    {
        var registry = new FakeRegistry().Answer(HttpStatusCode.OK, EmptyList);
        var environment = new Dictionary<string, string> { ["REGISTRY_URL"] = "http://ignored.example", ["REGISTRY_OPERATOR_CLIENT_ID"] = "ignored" };

        var run = await CliRun.RunAsync(registry, ["tenants", "--url=http://127.0.0.1:8080/base", "list", "--client-id", "ops:1", "--client-secret", "p w"], environment);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("http://127.0.0.1:8080/base/admin/token", registry.Requests[0].Uri.AbsoluteUri);
        // RFC 6749 §2.3.1: id and secret are form-encoded before the Basic encoding.
        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("ops%3A1:p%20w")), registry.Requests[0].Authorization);
        Assert.Equal("http://127.0.0.1:8080/base/admin/tenants", registry.ApiRequests[0].Uri.AbsoluteUri);
    }

    public static TheoryData<string[], string> UsageErrors => new()
    {
        { [], "Usage: registry-admin" },
        { ["nonsense"], "unknown command 'nonsense'" },
        { ["tenants"], "'tenants' needs a command" },
        { ["tenants", "rename", "a"], "unknown command 'tenants rename'" },
        { ["tenants", "show"], "missing NAME" },
        { ["tenants", "show", "a", "b"], "unexpected argument 'b'" },
        { ["clients", "show", "acme"], "missing ID" },
        { ["tenants", "list", "--colour", "red"], "unknown option --colour" },
        { ["tenants", "list", "--limit"], "option --limit needs a value" },
        { ["tenants", "list", "--limit", "ten"], "--limit must be a whole number, not 'ten'" },
        { ["tenants", "list", "--limit", "-1"], "--limit must be a whole number, not '-1'" },
        { ["tenants", "list", "--limit", "1", "--limit", "2"], "option --limit is given twice" },
        { ["tenants", "list", "--output", "xml"], "--output must be table or json, not 'xml'" },
        { ["tenants", "list", "--url", "localhost:5000"], "--url must be an absolute http or https URL" },
        { ["tenants", "list", "--url", "ftp://example.com"], "--url must be an absolute http or https URL" },
        { ["tenants", "create", "acme"], "missing --mode MODE" },
        { ["tenants", "create", "acme", "--mode", "open", "--on-disallowed", "ignore"], "--on-disallowed must be reject or narrow" },
        { ["tokens", "create", "acme", "--max-uses", "2"], "missing --expires-in SECONDS" },
        { ["tokens", "create", "acme", "--expires-in", "60"], "missing --max-uses N" },
        { ["tokens", "create", "acme", "--expires-in", "60", "--max-uses", "two"], "--max-uses must be a whole number" },
        { ["tokens", "revoke", "acme"], "missing ID" },
        { ["clients", "list", "acme", "--name", "x"], "unknown option --name" },
    };

    [Theory]
    [MemberData(nameof(UsageErrors))]
    public async Task A_wrong_command_line_exits_64_without_calling_the_registry(string[] args, string message)
    {
        var registry = new FakeRegistry();

        var run = await CliRun.RunAsync(registry, args);

        Assert.Equal(64, run.ExitCode);
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
        Assert.Empty(run.Output);
        Assert.Empty(registry.Requests);
    }

    public static TheoryData<string[], string> HelpRequests => new()
    {
        { ["--help"], "Usage: registry-admin [global options] <group> <command>" },
        { ["-h"], "tokens create TENANT" },
        { ["tenants", "--help"], "Usage: registry-admin tenants <command>" },
        { ["clients", "-h"], "clients disable TENANT ID" },
        { ["tenants", "create", "--help"], "Usage: registry-admin tenants create NAME --mode MODE [--allowed-scopes \"a b\"] [--max-clients N] [--on-disallowed reject|narrow] [--redirect-uri-hosts \"h1 *.h2\"] [--admin-client-id ID] [--admin-client-secret S]" },
        { ["tokens", "create", "acme", "--help"], "--max-uses N" },
        { ["tokens", "list", "--help"], "Usage: registry-admin tokens list TENANT" },
        { ["tokens", "revoke", "--help"], "Usage: registry-admin tokens revoke TENANT ID" },
        { ["clients", "list", "--help"], "Usage: registry-admin clients list TENANT [--limit N] [--cursor C] [--software-id S] [--name-prefix P]" },
        { ["--output", "json", "clients", "delete", "--help"], "Usage: registry-admin clients delete TENANT ID" },
    };

    [Theory]
    [MemberData(nameof(HelpRequests))]
    public async Task Help_is_printed_everywhere_and_exits_0_without_calling_the_registry(string[] args, string expected)
    {
        var registry = new FakeRegistry();

        var run = await CliRun.RunAsync(registry, args);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains(expected, run.Output, StringComparison.Ordinal);
        Assert.Contains("--client-secret SECRET", run.Output, StringComparison.Ordinal);
        Assert.Empty(run.Error);
        Assert.Empty(registry.Requests);
    }

    [Fact]
    public async Task Every_command_has_help()
    {
        foreach (var command in CliApp.Commands)
        {
            var run = await CliRun.RunAsync(new FakeRegistry(), [command.Group, command.Name, "--help"]);

            Assert.Equal(0, run.ExitCode);
            Assert.StartsWith($"Usage: registry-admin {command.Group} {command.Name}", run.Output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_double_dash_ends_the_options()
    {
        var registry = new FakeRegistry().Answer(HttpStatusCode.OK, """{"name":"--odd"}""");

        var run = await CliRun.RunAsync(registry, ["--url", "http://registry.test", "tenants", "show", "--", "--odd"]);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("/admin/tenants/--odd", registry.ApiRequests[0].Path);
    }
}
