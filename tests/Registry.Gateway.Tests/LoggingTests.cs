using System.Net;
using Registry.Gateway.Tests.Infrastructure;

namespace Registry.Gateway.Tests;

/// <summary>What the server says in its logs, and what it must never say.</summary>
public sealed class LoggingTests
{
    [Fact]
    public async Task Startup_warns_loudly_about_the_default_password_and_volatile_storage()
    {
        await using var server = await RegistryServer.StartAsync();

        Assert.Contains(server.Logs.Lines, l => l.Level == LogLevel.Warning && l.Text.Contains("SECURITY WARNING: tenant 'default' uses the default bootstrap admin secret", StringComparison.Ordinal));
        Assert.Contains(server.Logs.Lines, l => l.Level == LogLevel.Warning && l.Text.Contains("IN MEMORY and NOT DURABLE", StringComparison.Ordinal));
    }

    [Fact]
    public async Task No_secret_or_token_of_a_whole_flow_appears_in_any_log_line()
    {
        await using var server = await RegistryServer.StartAsync(new Dictionary<string, string>
        {
            ["Logging:LogLevel:Default"] = "Trace",
            ["Registry:Tenants:default:AdminClientSecret"] = "operator-secret-value",
        });
        var http = server.Http;
        var admin = await http.AdminTokenAsync(secret: "operator-secret-value");
        var client = await http.RegisterAsync(adminToken: admin);
        var access = await http.ClientTokenAsync("", client);
        var path = new Uri(client.Str("registration_client_uri")).AbsolutePath;
        var update = await http.SendJsonAsync(HttpMethod.Put, path, client.Str("registration_access_token"),
            $$"""{"client_id": "{{client.Str("client_id")}}", "grant_types": ["client_credentials"]}""");
        var updated = await update.JsonAsync();
        var wrongSecret = await http.TokenAsync("", "grant_type=client_credentials&client_id=registerClient&client_secret=wrong-guess-secret");
        var delete = await http.SendJsonAsync(HttpMethod.Delete, path, updated.Str("registration_access_token"), null);

        // Every step did what it was meant to, so the log lines scanned below are those of a real flow.
        Assert.Equal(HttpStatusCode.OK, update.StatusCode);
        await wrongSecret.AssertErrorAsync(HttpStatusCode.Unauthorized, "invalid_client");
        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        Assert.Contains(server.Logs.Lines, l => l.Category == "Registry.Audit" && l.Text.Contains("Error=invalid_client", StringComparison.Ordinal));

        var logs = server.Logs.AllText;
        Assert.NotEmpty(server.Logs.Lines);
        foreach (var secret in new[]
        {
            "operator-secret-value", "wrong-guess-secret", admin, access, client.Str("client_secret"),
            client.Str("registration_access_token"), updated.Str("registration_access_token"),
        })
        {
            Assert.DoesNotContain(secret, logs, StringComparison.Ordinal);
        }
    }
}
