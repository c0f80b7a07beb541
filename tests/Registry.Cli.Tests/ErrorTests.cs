using System.Net;

namespace Registry.Cli.Tests;

/// <summary>Errors: the registry's OAuth errors exit 1, an unreachable registry 2; the operator secret never shows.</summary>
public sealed class ErrorTests
{
    private const string Secret = "operator-secret-never-printed";

    [Fact]
    public async Task An_oauth_error_is_printed_to_stderr_and_exits_1()
    {
        var registry = new FakeRegistry().Answer(HttpStatusCode.NotFound, """{"error":"invalid_request","error_description":"no tenant 'acme'"}""");

        var run = await CliRun.RunAsync(registry, ["--url", "http://registry.test", "tenants", "show", "acme"]);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("error: invalid_request: no tenant 'acme'\n", run.Error);
        Assert.Empty(run.Output);
    }

    [Fact]
    public async Task An_error_without_a_description_prints_its_code()
    {
        var registry = new FakeRegistry().Answer(HttpStatusCode.Conflict, """{"error":"invalid_request"}""");

        var run = await CliRun.RunAsync(registry, ["--url", "http://registry.test", "tenants", "delete", "default"]);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("error: invalid_request\n", run.Error);
    }

    [Fact]
    public async Task A_refused_operator_token_exits_1_and_never_shows_the_secret()
    {
        var registry = new FakeRegistry
        {
            TokenAnswer = (HttpStatusCode.Unauthorized, """{"error":"invalid_client","error_description":"client authentication failed"}"""),
        };

        var run = await CliRun.RunAsync(registry, ["--url", "http://registry.test", "--client-secret", Secret, "tenants", "list"]);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("error: invalid_client: client authentication failed\n", run.Error);
        Assert.Single(registry.Requests);
        Assert.DoesNotContain(Secret, run.Error + run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_token_answer_without_a_token_exits_1()
    {
        var registry = new FakeRegistry { TokenAnswer = (HttpStatusCode.OK, """{"token_type":"Bearer"}""") };

        var run = await CliRun.RunAsync(registry, ["--url", "http://registry.test", "tenants", "list"]);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("no access_token", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_non_json_error_prints_the_status()
    {
        var registry = new FakeRegistry().Answer(HttpStatusCode.BadGateway, "<html>bad gateway</html>");

        var run = await CliRun.RunAsync(registry, ["--url", "http://registry.test", "clients", "list", "acme"]);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("error: HTTP 502 BadGateway\n", run.Error);
    }

    [Fact]
    public async Task A_connection_failure_exits_2_with_one_line()
    {
        var registry = new FakeRegistry { Failure = new HttpRequestException("Connection refused (127.0.0.1:5999)") };

        var run = await CliRun.RunAsync(registry, ["--url", "http://127.0.0.1:5999", "--client-secret", Secret, "tenants", "list"]);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("error: cannot reach the registry at http://127.0.0.1:5999: Connection refused (127.0.0.1:5999)\n", run.Error);
        Assert.DoesNotContain(Secret, run.Error + run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_timeout_exits_2()
    {
        var registry = new FakeRegistry { Failure = new TaskCanceledException("timed out") };

        var run = await CliRun.RunAsync(registry, ["--url", "http://registry.test", "tenants", "list"]);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("error: the registry at http://registry.test did not answer within 100 s\n", run.Error);
    }

    [Fact]
    public async Task Control_characters_in_answers_cannot_reach_the_terminal()
    {
        var registry = new FakeRegistry().Answer(HttpStatusCode.OK, """{"clients":[{"client_id":"c1","client_name":"evil\u001b[2Jname\nx","software_id":null,"created_at":0,"disabled":false}],"next_cursor":null}""");

        var run = await CliRun.RunAsync(registry, ["--url", "http://registry.test", "clients", "list", "acme"]);

        Assert.Equal(0, run.ExitCode);
        Assert.DoesNotContain('\u001b', run.Output);
        Assert.Equal(2, run.OutputLines.Length);
    }
}
