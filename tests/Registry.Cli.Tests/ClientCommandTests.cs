using System.Net;
using System.Text.Json.Nodes;

namespace Registry.Cli.Tests;

/// <summary><c>clients list/show/disable/enable/delete</c>.</summary>
public sealed class ClientCommandTests
{
    private const string Url = "http://registry.test";

    private const string Client = """
        {"client_id":"c-123","client_name":"billing","grant_types":["client_credentials"],"scope":"openid","software_id":null,
         "created_at":1764489600,"updated_at":1764489600,"last_used_at":null,"disabled":true,"client_secret_expires_at":0}
        """;

    [Fact]
    public async Task List_passes_the_filters_and_prints_the_columns()
    {
        var registry = new FakeRegistry().Answer(HttpStatusCode.OK, """
            {"clients":[
              {"client_id":"c-123","client_name":"billing","software_id":"sw-1","created_at":1764489600,"disabled":false},
              {"client_id":"c-4","client_name":null,"software_id":null,"created_at":1764486000,"disabled":true}
            ],"next_cursor":"next-page"}
            """);

        var run = await CliRun.RunAsync(registry,
            ["--url", Url, "clients", "list", "acme", "--limit", "2", "--cursor", "c1", "--software-id", "sw 1", "--name-prefix", "bill&"]);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("/admin/tenants/acme/clients?limit=2&cursor=c1&software_id=sw%201&client_name=bill%26", registry.ApiRequests[0].PathAndQuery);
        Assert.Equal(
            [
                "CLIENT_ID  NAME     SOFTWARE_ID  CREATED               DISABLED",
                "c-123      billing  sw-1         2025-11-30T08:00:00Z  false",
                "c-4        -        -            2025-11-30T07:00:00Z  true",
                "next cursor: next-page  (the next page: the same command with --cursor and this value)",
            ],
            run.OutputLines);
    }

    [Fact]
    public async Task List_without_filters_sends_no_query()
    {
        var registry = new FakeRegistry().Answer(HttpStatusCode.OK, """{"clients":[],"next_cursor":null}""");

        var run = await CliRun.RunAsync(registry, ["--url", Url, "clients", "list", "acme"]);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("/admin/tenants/acme/clients", registry.ApiRequests[0].PathAndQuery);
    }

    [Theory]
    [InlineData("show", "GET", "/admin/tenants/acme/clients/c-123")]
    [InlineData("disable", "POST", "/admin/tenants/acme/clients/c-123/disable")]
    [InlineData("enable", "POST", "/admin/tenants/acme/clients/c-123/enable")]
    public async Task Show_disable_and_enable_print_the_client(string command, string method, string path)
    {
        var registry = new FakeRegistry().Answer(HttpStatusCode.OK, Client);

        var run = await CliRun.RunAsync(registry, ["--url", Url, "clients", command, "acme", "c-123"]);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal((method, path), (registry.ApiRequests[0].Method, registry.ApiRequests[0].Path));
        Assert.Equal("Bearer " + FakeRegistry.AccessToken, registry.ApiRequests[0].Authorization);
        Assert.Contains("disabled                  true", run.OutputLines);
        Assert.Contains("client_secret_expires_at  never", run.OutputLines);
        Assert.Contains("last_used_at              -", run.OutputLines);
    }

    [Fact]
    public async Task Disable_in_json_mode_prints_the_answer()
    {
        var registry = new FakeRegistry().Answer(HttpStatusCode.OK, Client);

        var run = await CliRun.RunAsync(registry, ["--url", Url, "--output", "json", "clients", "disable", "acme", "c-123"]);

        Assert.Equal(0, run.ExitCode);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(Client), JsonNode.Parse(run.Output)));
    }

    [Fact]
    public async Task Delete_deletes_and_escapes_path_segments()
    {
        var registry = new FakeRegistry().Answer(HttpStatusCode.NoContent);

        var run = await CliRun.RunAsync(registry, ["--url", Url, "clients", "delete", "acme", "a/b?c"]);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(("DELETE", "/admin/tenants/acme/clients/a%2Fb%3Fc"), (registry.ApiRequests[0].Method, registry.ApiRequests[0].Uri.AbsolutePath));
        Assert.Equal(["deleted client a/b?c"], run.OutputLines);
    }
}
