using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Azure.Data.Tables;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using StackExchange.Redis;

namespace Registry.Cluster.Tests;

/// <summary>
/// Failover scenarios against real processes: a silo killed under load, a silo joining, every silo and the
/// gateway restarted, Redis restarted, every silo gone. Each scenario first puts the cluster into the shape it
/// needs (which silos run, all of them active, the gateway ready), so none depends on another having run;
/// they run in a fixed order only so that measured times are comparable from run to run. Not one acknowledged
/// registration may ever be lost: each scenario also re-checks every client acknowledged so far. Measured
/// times are written to the test output and to .run/cluster-results.txt (summarized in docs/operations.md).
/// </summary>
[Collection(ClusterCollectionDefinition.Name)]
[TestCaseOrderer(StepOrderer.TypeName, StepOrderer.AssemblyName)]
public sealed class FailoverTests(ClusterFixture fixture, ITestOutputHelper output)
{
    private const int Registrations = 1200;
    private const int Workers = 16;
    private static readonly TimeSpan TopologyDeadline = TimeSpan.FromSeconds(90);

    private LocalCluster Cluster => fixture.Cluster;

    private HttpClient Http => fixture.Http;

    [Fact]
    public async Task Step1_a_silo_killed_under_registration_load_loses_nothing()
    {
        await using var inspector = await StartWithSilosAsync(1, 2);
        var admin = await Http.AdminTokenAsync();
        var load = new LoadRun();
        var killedAt = TimeSpan.Zero;
        Task? kill = null;

        var registering = load.RunAsync(Workers, Registrations, index =>
        {
            if (index == Registrations / 3)
            {
                killedAt = load.Clock.Elapsed;
                kill = Cluster.RunAsync("kill-silo", "1");
            }

            return Http.SendJsonAsync(HttpMethod.Post, "/register", admin, OAuthClient.ExampleRegistration);
        });
        await Eventually.UntilAsync(() => kill is not null, TimeSpan.FromSeconds(60), "the load to reach the kill point");
        var detected = await WaitForActiveSilosAsync(inspector, 1, load.Clock);
        await registering;
        await kill!;

        var attempts = load.Attempts.ToList();
        Assert.Equal(Registrations, attempts.Count);
        Assert.All(attempts, a => Assert.True(a.Status is HttpStatusCode.Created or HttpStatusCode.ServiceUnavailable, $"{(int)a.Status}: {a.Body}"));
        Assert.All(attempts.Where(a => a.Status == HttpStatusCode.ServiceUnavailable), a =>
            Assert.True(a.HasRetryAfter && a.Body.Contains("temporarily_unavailable", StringComparison.Ordinal), a.Body));
        var created = attempts.Where(a => a.Status == HttpStatusCode.Created).Select(a => Parse(a.Body)).ToList();
        Assert.True(created.Count >= 1000, $"only {created.Count} registrations acknowledged");
        Assert.True(attempts.Max(a => a.Latency) < TimeSpan.FromSeconds(10), "a request hung");
        fixture.Acknowledged.AddRange(created);

        await VerifyEveryAcknowledgedClientAsync();
        var during = attempts.Where(a => a.End >= killedAt && a.Start <= detected + TimeSpan.FromSeconds(1)).ToList();
        Report("kill -9 of silo 1 under load",
            $"{attempts.Count} registrations, {created.Count} x 201, {attempts.Count - created.Count} x 503",
            $"silo declared dead {(detected - killedAt).TotalSeconds:F1} s after the kill",
            $"requests in flight during failover: {during.Count}, slowest {during.Max(a => a.Latency).TotalMilliseconds:F0} ms",
            $"whole run: p50 {LoadRun.Percentile(attempts, 50).TotalMilliseconds:F0} ms, p99 {LoadRun.Percentile(attempts, 99).TotalMilliseconds:F0} ms, max {attempts.Max(a => a.Latency).TotalMilliseconds:F0} ms");
    }

    [Fact]
    public async Task Step2_a_new_silo_joins_and_takes_its_share_of_new_clients()
    {
        await using var inspector = await StartWithSilosAsync(1, 2);
        var clock = Stopwatch.StartNew();
        await Cluster.RunAsync("start-silo", "3");
        var joined = clock.Elapsed;
        var newSilo = Cluster.SiloPortBase + 3;
        await WaitForActiveSilosAsync(inspector, 3, clock);
        var admin = await Http.AdminTokenAsync();

        // New clients leave memory after registering; a token request activates them. Orleans places each
        // activation by the silos' published resource statistics, which reach the other silos (and the
        // gateway's gateway list) a second or two after a join. So clients are activated in waves until one
        // wave puts at least half of a fair share (1/3 with 3 silos) on the new silo; it must happen soon.
        const int WaveSize = 60;
        var waves = new List<double>();
        await Eventually.UntilAsync(
            async () =>
            {
                var before = (await inspector.ClientActivationsAsync()).GetValueOrDefault(newSilo);
                var wave = await RegisterAndActivateAsync(admin, WaveSize);
                var after = (await inspector.ClientActivationsAsync()).GetValueOrDefault(newSilo);
                fixture.Acknowledged.AddRange(wave);
                waves.Add((after - before) / (double)WaveSize);
                return waves[^1];
            },
            share => share >= 1.0 / 6,
            TimeSpan.FromSeconds(45),
            "a wave of new clients of which the new silo hosts at least a sixth");

        Report("silo 3 joins", $"active {joined.TotalSeconds:F1} s after start",
            $"share of each wave of {WaveSize} newly active clients on the new silo: {string.Join(", ", waves.Select(w => w.ToString("P0", System.Globalization.CultureInfo.InvariantCulture)))}");
    }

    [Fact]
    public async Task Step3_restarting_every_silo_and_the_gateway_loses_nothing_and_keeps_the_keys()
    {
        await (await StartWithSilosAsync(1, 2)).DisposeAsync();
        var admin = await Http.AdminTokenAsync();
        var sample = await RegisterAndActivateAsync(admin, 50);
        fixture.Acknowledged.AddRange(sample);
        var accessToken = await Http.ClientTokenAsync("", sample[0]);
        var kidBefore = new JsonWebToken(accessToken).Kid;

        var clock = Stopwatch.StartNew();
        await Cluster.RunAsync("restart");
        var restarted = clock.Elapsed;

        await VerifyEveryAcknowledgedClientAsync();
        Assert.Equal(HttpStatusCode.Created, (await Http.SendJsonAsync(HttpMethod.Post, "/register", admin, OAuthClient.ExampleRegistration)).StatusCode);
        var jwks = new JsonWebKeySet(await Http.GetStringAsync("/jwks"));
        var validation = await new JsonWebTokenHandler().ValidateTokenAsync(accessToken, new TokenValidationParameters
        {
            ValidIssuer = Cluster.Gateway.ToString().TrimEnd('/'),
            IssuerSigningKeys = jwks.GetSigningKeys(),
            ValidateAudience = false,
        });
        Assert.True(validation.IsValid, validation.Exception?.Message);
        Assert.Contains(jwks.Keys, k => k.Kid == kidBefore);

        // The state is where an operator would look: rows in Azure Table storage, membership in Redis.
        var table = new TableClient(Cluster.TableConnectionString, "RegistryGrainState");
        var rows = table.Query<TableEntity>(maxPerPage: 1000).ToList();
        Assert.True(rows.Count >= fixture.Acknowledged.Count, $"{rows.Count} rows for {fixture.Acknowledged.Count} clients");
        var sampleRow = rows.Single(r => r.PartitionKey.Contains(sample[0].Str("client_id"), StringComparison.Ordinal));
        var stored = string.Join(' ', sampleRow.Select(p => p.Value?.ToString()));
        Assert.DoesNotContain(sample[0].Str("client_secret"), stored, StringComparison.Ordinal);
        Assert.DoesNotContain(sample[0].Str("registration_access_token"), stored, StringComparison.Ordinal);
        Assert.DoesNotContain("$type", stored, StringComparison.Ordinal);
        await using var redis = await ConnectionMultiplexer.ConnectAsync(Cluster.RedisConnectionString);
        Assert.True(await redis.GetDatabase().HashLengthAsync("registry/members/registry-test") >= 4);
        Report("restart of every silo and the gateway", $"cluster serving again {restarted.TotalSeconds:F1} s after the restart began",
            $"{fixture.Acknowledged.Count} clients readable with tokens, signing key {kidBefore} kept, {rows.Count} rows in Azure Table storage");
    }

    [Fact]
    public async Task Step4_a_redis_restart_heals_without_manual_action()
    {
        await using var inspector = await StartWithSilosAsync(1, 2);
        var admin = await Http.AdminTokenAsync();
        var load = new LoadRun();
        using var stop = new CancellationTokenSource();
        var registering = load.RunAsync(4, int.MaxValue, _ => Http.SendJsonAsync(HttpMethod.Post, "/register", admin, OAuthClient.ExampleRegistration), stop.Token);
        var redisDownAt = load.Clock.Elapsed;
        await Cluster.RunAsync(TimeSpan.FromMinutes(2), new Dictionary<string, string> { ["REDIS_DOWN_SECONDS"] = "5" }, "restart-redis");
        var redisUpAt = load.Clock.Elapsed;
        await Eventually.UntilAsync(() => load.Attempts.Count(a => a.Start > redisUpAt) >= 100, TimeSpan.FromSeconds(30),
            "100 registrations answered after Redis came back");
        await stop.CancelAsync();
        await registering;

        var attempts = load.Attempts.ToList();
        var created = attempts.Where(a => a.Status == HttpStatusCode.Created).Select(a => Parse(a.Body)).ToList();
        Assert.All(attempts, a => Assert.True(a.Status is HttpStatusCode.Created or HttpStatusCode.ServiceUnavailable, $"{(int)a.Status}: {a.Body}"));
        Assert.Contains(attempts, a => a.Status == HttpStatusCode.Created && a.Start > redisDownAt + TimeSpan.FromSeconds(1) && a.End < redisUpAt);
        fixture.Acknowledged.AddRange(created);

        // Membership works again without anyone touching it: a silo joins, and a killed one is declared dead.
        var clock = Stopwatch.StartNew();
        await Cluster.RunAsync("start-silo", "3");
        var joined = clock.Elapsed;
        await WaitForActiveSilosAsync(inspector, 3, clock);
        var killWatch = Stopwatch.StartNew();
        await Cluster.RunAsync("kill-silo", "3");
        var detected = await WaitForActiveSilosAsync(inspector, 2, killWatch);
        await VerifyEveryAcknowledgedClientAsync();
        Report("Redis down 5 s and restarted",
            $"{created.Count} registrations acknowledged while Redis was down or restarting, {attempts.Count - created.Count} x 503",
            $"a silo joined {joined.TotalSeconds:F1} s after Redis came back; a killed silo was declared dead in {detected.TotalSeconds:F1} s");
    }

    [Fact]
    public async Task Step5_without_any_silo_the_gateway_is_unready_and_answers_503_then_recovers()
    {
        await (await StartWithSilosAsync(1, 2)).DisposeAsync();
        var admin = await Http.AdminTokenAsync();
        await Cluster.RunAsync("kill-silo", "1");
        await Cluster.RunAsync("kill-silo", "2");

        var clock = Stopwatch.StartNew();
        await Eventually.UntilAsync(() => ReadinessAsync(), status => status == HttpStatusCode.ServiceUnavailable, TimeSpan.FromSeconds(30),
            "the gateway to report unready without silos");
        var unready = clock.Elapsed;
        var attempt = Stopwatch.StartNew();
        var response = await Http.SendJsonAsync(HttpMethod.Post, "/register", admin, OAuthClient.ExampleRegistration);
        var answeredIn = attempt.Elapsed;
        await response.AssertErrorAsync(HttpStatusCode.ServiceUnavailable, "temporarily_unavailable");
        Assert.NotNull(response.Headers.RetryAfter);
        Assert.True(answeredIn < TimeSpan.FromSeconds(15), $"the 503 took {answeredIn}");
        Assert.Equal(HttpStatusCode.OK, (await Http.GetAsync("/healthz/live")).StatusCode);

        await Cluster.RunAsync("start-silo", "1");
        await Cluster.RunAsync("start-silo", "2");
        clock.Restart();
        await Eventually.UntilAsync(() => ReadinessAsync(), status => status == HttpStatusCode.OK, TimeSpan.FromSeconds(60),
            "the gateway to be ready again once silos are back");
        var ready = clock.Elapsed;
        await VerifyEveryAcknowledgedClientAsync();
        Report("every silo killed", $"gateway unready after {unready.TotalSeconds:F1} s; requests answered 503 in {answeredIn.TotalSeconds:F1} s",
            $"ready again {ready.TotalSeconds:F1} s after the silos were back; {fixture.Acknowledged.Count} clients intact");
    }

    /// <summary>
    /// Puts the cluster into the shape a scenario starts from: exactly <paramref name="silos"/> running and
    /// active in the membership table, and the gateway ready. Returns an inspector connected to it.
    /// </summary>
    private async Task<ClusterInspector> StartWithSilosAsync(params int[] silos)
    {
        var running = (await Cluster.RunAsync("status")).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(' ')).Where(p => p[0].StartsWith("silo", StringComparison.Ordinal) && p[2] == "running")
            .Select(p => int.Parse(p[0]["silo".Length..], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        foreach (var silo in running.Except(silos))
        {
            await Cluster.RunAsync("kill-silo", silo.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        foreach (var silo in silos.Except(running))
        {
            await Cluster.RunAsync("start-silo", silo.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        var inspector = await ClusterInspector.ConnectAsync(Cluster);
        var expected = silos.Select(s => Cluster.SiloPortBase + s).Order().ToList();
        await Eventually.UntilAsync(() => ActiveSiloPortsAsync(inspector), ports => ports.SequenceEqual(expected), TopologyDeadline,
            $"exactly silos {string.Join(", ", silos)} to be active");
        await Eventually.UntilAsync(() => ReadinessAsync(), status => status == HttpStatusCode.OK, TopologyDeadline, "the gateway to be ready");
        return inspector;
    }

    private async Task<HttpStatusCode> ReadinessAsync() => (await Http.GetAsync("/healthz/ready")).StatusCode;

    /// <summary>Registers <paramref name="count"/> clients and gets each a token (which activates it); returns them.</summary>
    private async Task<List<JsonElement>> RegisterAndActivateAsync(string admin, int count)
    {
        var clients = new ConcurrentBag<JsonElement>();
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (_, _) =>
        {
            var client = await Http.RegisterAsync(adminToken: admin);
            Assert.Equal(HttpStatusCode.OK, (await Http.TokenAsync("", "grant_type=client_credentials", OAuthClient.Basic(client))).StatusCode);
            clients.Add(client);
        });
        return [.. clients];
    }

    /// <summary>Every client that ever got a 201 is readable (RFC 7592) and gets a token.</summary>
    private async Task VerifyEveryAcknowledgedClientAsync()
    {
        var failures = new ConcurrentBag<string>();
        await Parallel.ForEachAsync(fixture.Acknowledged, new ParallelOptions { MaxDegreeOfParallelism = Workers }, async (client, _) =>
        {
            var read = await Http.SendJsonAsync(HttpMethod.Get, new Uri(client.Str("registration_client_uri")).AbsolutePath, client.Str("registration_access_token"), null);
            var token = await Http.TokenAsync("", "grant_type=client_credentials", OAuthClient.Basic(client));
            if (read.StatusCode != HttpStatusCode.OK || token.StatusCode != HttpStatusCode.OK)
            {
                failures.Add($"{client.Str("client_id")}: read {(int)read.StatusCode}, token {(int)token.StatusCode}");
            }
        });
        Assert.True(failures.IsEmpty, $"{failures.Count} acknowledged clients lost, e.g. {failures.FirstOrDefault()}\n{Cluster.Logs()}");
    }

    /// <summary>Polls the membership view until exactly <paramref name="count"/> silos are active; returns the clock time then.</summary>
    private static async Task<TimeSpan> WaitForActiveSilosAsync(ClusterInspector inspector, int count, Stopwatch clock)
    {
        await Eventually.UntilAsync(() => ActiveSiloPortsAsync(inspector), ports => ports.Count == count, TimeSpan.FromSeconds(60),
            $"exactly {count} active silo(s)");
        return clock.Elapsed;
    }

    /// <summary>The active silos' ports, or none while the management call itself lands on a dying silo.</summary>
    private static async Task<IReadOnlyList<int>> ActiveSiloPortsAsync(ClusterInspector inspector)
    {
        try
        {
            return await inspector.ActiveSiloPortsAsync();
        }
        catch (Exception exception) when (exception is OrleansException or TimeoutException or OperationCanceledException)
        {
            return [];
        }
    }

    private void Report(string scenario, params string[] lines)
    {
        output.WriteLine($"[cluster] {scenario}: {string.Join("; ", lines)}");
        File.AppendAllText(Path.Combine(Cluster.Repository, ".run", "cluster-results.txt"), $"{DateTime.UtcNow:u} {scenario}: {string.Join("; ", lines)}\n");
    }

    private static JsonElement Parse(string body)
    {
        using var document = JsonDocument.Parse(body);
        return document.RootElement.Clone();
    }
}
