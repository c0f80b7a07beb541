using System.Net;
using System.Text.Json.Nodes;

namespace Registry.Cli.Tests;

/// <summary><c>tenants list/show/create/delete</c>: the requests, the table and the JSON output.</summary>
public sealed class TenantCommandTests
{
    private const string Url = "http://registry.test";

    private const string Page = """
        {"tenants":[
          {"name":"default","issuer":"http://registry.test","source":"configuration","registration_mode":"admin_token"},
          {"name":"acme-partners","issuer":"http://registry.test/tenants/acme-partners","source":"admin_api","registration_mode":"initial_access_token"}
        ],"next_cursor":"YWNtZQ"}
        """;

    private const string Tenant = """
        {"name":"acme","issuer":"http://registry.test/tenants/acme","source":"admin_api","registration_mode":"initial_access_token",
         "admin_client_id":"acme-admin","allowed_scopes":["openid","profile"],"default_scope":"","default_grant_types":["client_credentials"],
         "allowed_grant_types":null,"redirect_uri_hosts":["app.example.com","*.example.org"],"on_disallowed":"narrow","max_clients":10,
         "created_at":1764489600,"updated_at":1764489600,"admin_client_secret":"generated-tenant-admin-secret"}
        """;

    [Fact]
    public async Task List_prints_aligned_columns_and_the_next_cursor()
    {
        var registry = new FakeRegistry().Answer(HttpStatusCode.OK, Page);

        var run = await CliRun.RunAsync(registry, ["--url", Url, "tenants", "list"]);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("GET", registry.ApiRequests[0].Method);
        Assert.Equal("/admin/tenants", registry.ApiRequests[0].PathAndQuery);
        Assert.Equal(
            [
                "NAME           MODE                  SOURCE         ISSUER",
                "default        admin_token           configuration  http://registry.test",
                "acme-partners  initial_access_token  admin_api      http://registry.test/tenants/acme-partners",
                "next cursor: YWNtZQ  (the next page: the same command with --cursor and this value)",
            ],
            run.OutputLines);
    }

    [Fact]
    public async Task List_passes_limit_and_cursor_and_prints_no_cursor_on_the_last_page()
    {
        var registry = new FakeRegistry().Answer(HttpStatusCode.OK, """{"tenants":[],"next_cursor":null}""");

        var run = await CliRun.RunAsync(registry, ["--url", Url, "tenants", "list", "--limit", "10", "--cursor", "a b/c"]);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("/admin/tenants?limit=10&cursor=a%20b%2Fc", registry.ApiRequests[0].PathAndQuery);
        Assert.Equal(["NAME  MODE  SOURCE  ISSUER"], run.OutputLines);
    }

    [Fact]
    public async Task Json_output_is_the_answer_unchanged()
    {
        var registry = new FakeRegistry().Answer(HttpStatusCode.OK, Page);

        var run = await CliRun.RunAsync(registry, ["--url", Url, "--output", "json", "tenants", "list"]);

        Assert.Equal(0, run.ExitCode);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(Page), JsonNode.Parse(run.Output)));
        Assert.Contains("\n  \"tenants\": [", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Show_prints_every_member_with_readable_times()
    {
        var registry = new FakeRegistry().Answer(HttpStatusCode.OK, Tenant);

        var run = await CliRun.RunAsync(registry, ["--url", Url, "tenants", "show", "acme"]);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("/admin/tenants/acme", registry.ApiRequests[0].Path);
        var rows = run.OutputLines.Select(line => line.Split("  ", 2) is [var name, var value] ? (name, value.Trim()) : (line, "")).ToList();
        Assert.Equal(("FIELD", "VALUE"), rows[0]);
        Assert.Contains(("allowed_scopes", "openid profile"), rows);
        Assert.Contains(("allowed_grant_types", "-"), rows);
        Assert.Contains(("redirect_uri_hosts", "app.example.com *.example.org"), rows);
        Assert.Contains(("created_at", "2025-11-30T08:00:00Z"), rows);
        Assert.Contains(("default_scope", ""), rows);
        Assert.Single(run.OutputLines, line => line.StartsWith("allowed_scopes  ", StringComparison.Ordinal) && line.IndexOf("openid", StringComparison.Ordinal) == "FIELD                ".Length);
    }

    [Fact]
    public async Task Create_sends_the_name_mode_and_the_policy_given()
    {
        var registry = new FakeRegistry().Answer(HttpStatusCode.Created, Tenant);

        var run = await CliRun.RunAsync(registry,
        [
            "--url", Url, "tenants", "create", "acme", "--mode", "initial_access_token", "--allowed-scopes", "openid  profile",
            "--max-clients", "10", "--on-disallowed", "narrow", "--redirect-uri-hosts", "app.example.com *.example.org",
            "--admin-client-id", "acme-admin", "--admin-client-secret", "tenant-secret-0123456789",
        ]);

        Assert.Equal(0, run.ExitCode);
        var request = registry.ApiRequests.Single();
        Assert.Equal("POST", request.Method);
        Assert.Equal("/admin/tenants", request.Path);
        Assert.Equal("application/json", request.ContentType);
        Assert.Equal("Bearer " + FakeRegistry.AccessToken, request.Authorization);
        Assert.True(JsonNode.DeepEquals(
            JsonNode.Parse("""
                {"name":"acme","registration_mode":"initial_access_token","allowed_scopes":["openid","profile"],"max_clients":10,
                 "on_disallowed":"narrow","redirect_uri_hosts":["app.example.com","*.example.org"],"admin_client_id":"acme-admin",
                 "admin_client_secret":"tenant-secret-0123456789"}
                """),
            JsonNode.Parse(request.Body!)), request.Body);
    }

    [Fact]
    public async Task Create_sends_only_what_was_given_and_prints_the_admin_secret_once_with_a_note()
    {
        var registry = new FakeRegistry().Answer(HttpStatusCode.Created, Tenant);

        var run = await CliRun.RunAsync(registry, ["--url", Url, "tenants", "create", "acme", "--mode", "open"]);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("""{"name":"acme","registration_mode":"open"}""", registry.ApiRequests.Single().Body);
        Assert.Single(run.OutputLines, line => line.Contains("generated-tenant-admin-secret", StringComparison.Ordinal));
        Assert.Contains("admin client secret (shown only once; store it now):", run.OutputLines);
        Assert.Equal("generated-tenant-admin-secret", run.OutputLines[^1]);
    }

    [Fact]
    public async Task Delete_sends_delete_and_says_so()
    {
        var registry = new FakeRegistry().Answer(HttpStatusCode.NoContent);

        var run = await CliRun.RunAsync(registry, ["--url", Url, "tenants", "delete", "acme"]);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(("DELETE", "/admin/tenants/acme"), (registry.ApiRequests[0].Method, registry.ApiRequests[0].Path));
        Assert.Equal(["deleted tenant acme"], run.OutputLines);
    }

    [Fact]
    public async Task Delete_in_json_mode_prints_nothing()
    {
        var registry = new FakeRegistry().Answer(HttpStatusCode.NoContent);

        var run = await CliRun.RunAsync(registry, ["--url", Url, "--output", "json", "tenants", "delete", "acme"]);

        Assert.Equal(0, run.ExitCode);
        Assert.Empty(run.Output);
    }
}
