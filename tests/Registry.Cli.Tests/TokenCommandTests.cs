using System.Net;
using System.Text.Json.Nodes;

namespace Registry.Cli.Tests;

/// <summary><c>tokens create/list/revoke</c>: initial access tokens.</summary>
public sealed class TokenCommandTests
{
    private const string Url = "http://registry.test";

    private const string Created = """
        {"id":"iat_01","initial_access_token":"iat_01.secret-part","expires_at":1764493200,"max_uses":2,"allowed_scopes":["openid"]}
        """;

    [Fact]
    public async Task Create_sends_lifetime_uses_and_scopes_and_prints_the_token_once()
    {
        var registry = new FakeRegistry().Answer(HttpStatusCode.Created, Created);

        var run = await CliRun.RunAsync(registry, ["--url", Url, "tokens", "create", "acme", "--expires-in", "3600", "--max-uses", "2", "--allowed-scopes", "openid"]);

        Assert.Equal(0, run.ExitCode);
        var request = registry.ApiRequests.Single();
        Assert.Equal(("POST", "/admin/tenants/acme/initial-access-tokens"), (request.Method, request.Path));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"expires_in":3600,"max_uses":2,"allowed_scopes":["openid"]}"""), JsonNode.Parse(request.Body!)), request.Body);
        Assert.Contains("initial access token (shown only once; store it now):", run.OutputLines);
        Assert.Equal("iat_01.secret-part", run.OutputLines[^1]);
        Assert.Single(run.OutputLines, line => line.Contains("secret-part", StringComparison.Ordinal));
        Assert.Contains("expires_at      2025-11-30T09:00:00Z", run.OutputLines);
    }

    [Fact]
    public async Task Create_in_json_mode_prints_the_answer_for_jq()
    {
        var registry = new FakeRegistry().Answer(HttpStatusCode.Created, Created);

        var run = await CliRun.RunAsync(registry, ["--url", Url, "--output", "json", "tokens", "create", "acme", "--expires-in", "60", "--max-uses", "1"]);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("""{"expires_in":60,"max_uses":1}""", registry.ApiRequests.Single().Body);
        Assert.Equal("iat_01.secret-part", JsonNode.Parse(run.Output)!["initial_access_token"]!.GetValue<string>());
    }

    [Fact]
    public async Task List_prints_uses_of_max_expiry_and_revocation()
    {
        var registry = new FakeRegistry().Answer(HttpStatusCode.OK, """
            {"initial_access_tokens":[
              {"id":"iat_01","expires_at":1764493200,"max_uses":2,"uses":1,"created_at":1764489600,"revoked":false,"allowed_scopes":[]},
              {"id":"iat_0002","expires_at":1764496800,"max_uses":10,"uses":10,"created_at":1764489600,"revoked":true,"allowed_scopes":["openid"]}
            ]}
            """);

        var run = await CliRun.RunAsync(registry, ["--url", Url, "tokens", "list", "acme"]);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(("GET", "/admin/tenants/acme/initial-access-tokens"), (registry.ApiRequests[0].Method, registry.ApiRequests[0].Path));
        Assert.Equal(
            [
                "ID        USES/MAX  EXPIRES               REVOKED",
                "iat_01    1/2       2025-11-30T09:00:00Z  false",
                "iat_0002  10/10     2025-11-30T10:00:00Z  true",
            ],
            run.OutputLines);
    }

    [Fact]
    public async Task Revoke_deletes_the_token_by_id()
    {
        var registry = new FakeRegistry().Answer(HttpStatusCode.NoContent);

        var run = await CliRun.RunAsync(registry, ["--url", Url, "tokens", "revoke", "acme", "iat_01"]);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(("DELETE", "/admin/tenants/acme/initial-access-tokens/iat_01"), (registry.ApiRequests[0].Method, registry.ApiRequests[0].Path));
        Assert.Equal(["revoked initial access token iat_01"], run.OutputLines);
    }
}
