using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Registry.Cluster.Tests;

/// <summary>
/// The control plane on a real cluster: a tenant created or deleted through one gateway is served (or stops) on
/// another within 5 s through the cluster; an initial access token's uses are counted exactly across gateways;
/// the client index stays consistent with the clients when a silo is killed mid-registration.
/// </summary>
[Collection(ClusterCollectionDefinition.Name)]
public sealed class ControlPlaneTests(ClusterFixture fixture, ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan Propagation = TimeSpan.FromSeconds(5);

    private HttpClient Second => fixture.SecondGateway!;

    private LocalCluster Cluster => fixture.Cluster;

    private HttpClient Http => fixture.Http;

    public async Task InitializeAsync()
    {
        await EnsureSilosAsync();
        fixture.SecondGateway ??= new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{TestPorts.Next()}"), Timeout = TimeSpan.FromSeconds(30) };
        if (!IsRunning(await Cluster.RunAsync("status"), "gateway2"))
        {
            await Cluster.RunAsync("start-gateway", "2", Second.BaseAddress!.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_tenant_created_or_deleted_on_one_gateway_is_served_or_stops_on_another_within_5_seconds()
    {
        var name = "cp" + Guid.NewGuid().ToString("N")[..10];
        var discovery = $"/tenants/{name}/.well-known/openid-configuration";

        // The second gateway has just been told the name is unknown (and remembers that for 30 s).
        Assert.Equal(HttpStatusCode.NotFound, (await Second.GetAsync(discovery)).StatusCode);

        using var created = await AdminAsync(Http, HttpMethod.Post, "/admin/tenants", $$"""{"name":"{{name}}","registration_mode":"open"}""");
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var clock = Stopwatch.StartNew();
        await Eventually.UntilAsync(async () => (await Second.GetAsync(discovery)).StatusCode, s => s == HttpStatusCode.OK, Propagation,
            "the second gateway to serve the created tenant");
        var servedAfter = clock.Elapsed;

        using var deleted = await AdminAsync(Http, HttpMethod.Delete, $"/admin/tenants/{name}");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        clock.Restart();
        await Eventually.UntilAsync(async () => (await Second.GetAsync(discovery)).StatusCode, s => s == HttpStatusCode.NotFound, Propagation,
            "the second gateway to stop serving the deleted tenant");
        output.WriteLine($"created: served by the second gateway after {servedAfter.TotalMilliseconds:F0} ms; deleted: gone after {clock.Elapsed.TotalMilliseconds:F0} ms");
    }

    [Fact]
    public async Task Concurrent_registrations_on_two_gateways_with_a_token_of_two_uses_give_exactly_two_clients()
    {
        var name = "cp" + Guid.NewGuid().ToString("N")[..10];
        using var created = await AdminAsync(Http, HttpMethod.Post, "/admin/tenants", $$"""{"name":"{{name}}","registration_mode":"initial_access_token"}""");
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        using var issued = await AdminAsync(Http, HttpMethod.Post, $"/admin/tenants/{name}/initial-access-tokens", """{"expires_in":600,"max_uses":2}""");
        var token = (await issued.JsonAsync()).Str("initial_access_token");
        await Eventually.UntilAsync(async () => (await Second.GetAsync($"/tenants/{name}/jwks")).StatusCode, s => s == HttpStatusCode.OK, Propagation,
            "the second gateway to serve the tenant");

        var attempts = await Task.WhenAll(Enumerable.Range(0, 16).Select(i =>
            (i % 2 == 0 ? Http : Second).SendJsonAsync(HttpMethod.Post, $"/tenants/{name}/register", token, """{"grant_types":["client_credentials"]}""")));

        Assert.Equal(2, attempts.Count(a => a.StatusCode == HttpStatusCode.Created));
        Assert.All(attempts.Where(a => a.StatusCode != HttpStatusCode.Created), a => Assert.Equal(HttpStatusCode.Unauthorized, a.StatusCode));
    }

    [Fact]
    public async Task The_client_index_stays_consistent_when_a_silo_is_killed_mid_registration()
    {
        var name = "cp" + Guid.NewGuid().ToString("N")[..10];
        using var created = await AdminAsync(Http, HttpMethod.Post, "/admin/tenants", $$"""{"name":"{{name}}","registration_mode":"open"}""");
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        const int registrations = 90;
        var load = new LoadRun();
        Task? kill = null;
        var registering = load.RunAsync(6, registrations, index =>
        {
            if (index == registrations / 3)
            {
                kill = Cluster.RunAsync("kill-silo", "1");
            }

            return Http.SendJsonAsync(HttpMethod.Post, $"/tenants/{name}/register", null, $$"""{"redirect_uris":["https://app.example/cb"],"client_name":"c{{index}}"}""");
        });
        await registering;
        await kill!;

        var acknowledged = load.Attempts.Where(a => a.Status == HttpStatusCode.Created)
            .Select(a => JsonDocument.Parse(a.Body).RootElement.GetProperty("client_id").GetString()!).ToHashSet();
        Assert.All(load.Attempts, a => Assert.True(a.Status is HttpStatusCode.Created or HttpStatusCode.ServiceUnavailable, $"{(int)a.Status}: {a.Body}"));
        Assert.True(acknowledged.Count >= registrations / 2, $"only {acknowledged.Count} registrations acknowledged");

        var listed = new List<string>();
        string? cursor = null;
        do
        {
            using var page = await AdminAsync(Http, HttpMethod.Get, $"/admin/tenants/{name}/clients?limit=37" + (cursor is null ? "" : "&cursor=" + cursor));
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            var document = await page.JsonAsync();
            listed.AddRange(document.GetProperty("clients").EnumerateArray().Select(c => c.Str("client_id")));
            cursor = document.GetProperty("next_cursor").GetString();
        }
        while (cursor is not null);

        Assert.Equal(listed.Count, listed.Distinct().Count());
        Assert.Empty(acknowledged.Except(listed));
        foreach (var id in listed)
        {
            using var read = await AdminAsync(Http, HttpMethod.Get, $"/admin/tenants/{name}/clients/{id}");
            Assert.True(read.StatusCode == HttpStatusCode.OK, $"listed client {id} does not exist: {(int)read.StatusCode}");
        }

        output.WriteLine($"{registrations} registrations with silo 1 killed: {acknowledged.Count} acknowledged, {listed.Count} listed, every one readable");
        await Cluster.RunAsync("start-silo", "1");
    }

    private async Task EnsureSilosAsync()
    {
        var status = await Cluster.RunAsync("status");
        foreach (var silo in new[] { "1", "2" })
        {
            if (!IsRunning(status, "silo" + silo))
            {
                await Cluster.RunAsync("start-silo", silo);
            }
        }

        await Eventually.UntilAsync(async () => (await Http.GetAsync("/healthz/ready")).StatusCode, s => s == HttpStatusCode.OK, TimeSpan.FromSeconds(90), "the gateway to be ready");
    }

    private static bool IsRunning(string status, string name) =>
        status.Split('\n').Any(line => line.StartsWith(name + " ", StringComparison.Ordinal) && line.EndsWith(" running", StringComparison.Ordinal));

    private string? _operatorToken;

    private async Task<HttpResponseMessage> AdminAsync(HttpClient http, HttpMethod method, string path, string? json = null)
    {
        if (_operatorToken is null)
        {
            using var token = await http.TokenAsync("/admin", "grant_type=client_credentials", OAuthClient.Basic("operator", "password"));
            _operatorToken = (await token.JsonAsync()).Str("access_token");
        }

        var request = new HttpRequestMessage(method, path) { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", _operatorToken) } };
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        return await http.SendAsync(request);
    }
}
