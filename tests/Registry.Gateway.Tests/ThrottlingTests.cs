using System.Net;
using System.Text.RegularExpressions;
using Registry.Gateway.Telemetry;
using Registry.Gateway.Tests.Infrastructure;
using Registry.Protocol.Errors;

namespace Registry.Gateway.Tests;

/// <summary>
/// Limits against abuse over real HTTP: failed authentication backs off per client id and per address (even the
/// right secret waits), registrations and token requests are rate-limited, the client quota holds and frees up,
/// and every decision is a 429 (or 403 for the quota) with an OAuth body, counted and audited in aggregate.
/// Tests use tenants configured for them (two share one, with separate clients); all requests come from
/// 127.0.0.1. Back-offs are long enough (2 s and more) that a slow machine cannot see one end too early.
/// </summary>
public sealed class ThrottlingTests(ThrottlingTests.Fixture fixture) : IClassFixture<ThrottlingTests.Fixture>
{
    private const string Secret = "a-bootstrap-secret-of-32-characters!";

    private HttpClient Http => fixture.Server.Http;

    [Fact]
    public async Task Wrong_admin_secrets_start_a_growing_back_off_that_the_right_secret_also_waits_out()
    {
        const string prefix = "/tenants/adminguess";
        for (var i = 0; i < 3; i++)
        {
            await (await AdminTokenAsync(prefix, "wrong-guess")).AssertErrorAsync(HttpStatusCode.Unauthorized, "invalid_client");
        }

        var waiting = await AdminTokenAsync(prefix, Secret);
        await AssertThrottledAsync(waiting, 1, 2);
        await Task.Delay(TimeSpan.FromSeconds(2.2));
        Assert.Equal(HttpStatusCode.OK, (await AdminTokenAsync(prefix, Secret)).StatusCode);

        // A success forgets the failures; new ones back off again, each further one twice as long.
        for (var i = 0; i < 3; i++)
        {
            await AdminTokenAsync(prefix, "wrong-guess");
        }

        await Task.Delay(TimeSpan.FromSeconds(2.2));
        await (await AdminTokenAsync(prefix, "wrong-again")).AssertErrorAsync(HttpStatusCode.Unauthorized, "invalid_client");
        await AssertThrottledAsync(await AdminTokenAsync(prefix, Secret), 3, 4);
        Assert.Contains(fixture.Audit("adminguess"), l => l.Contains($"error_id={ErrorIds.ThrottleClientBackoff}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Wrong_secrets_back_off_one_registered_client_and_leave_the_others_alone()
    {
        const string prefix = "/tenants/clientguess";
        var admin = await Http.AdminTokenAsync(prefix, secret: Secret);
        var target = await Http.RegisterAsync(prefix, adminToken: admin);
        var bystander = await Http.RegisterAsync(prefix, adminToken: admin);
        for (var i = 0; i < 3; i++)
        {
            await (await Http.TokenAsync(prefix, "grant_type=client_credentials", OAuthClient.Basic(target.Str("client_id"), "wrong-guess")))
                .AssertErrorAsync(HttpStatusCode.Unauthorized, "invalid_client");
        }

        await AssertThrottledAsync(await Http.TokenAsync(prefix, "grant_type=client_credentials", OAuthClient.Basic(target)), 1, 3);
        Assert.Equal(HttpStatusCode.OK, (await Http.TokenAsync(prefix, "grant_type=client_credentials", OAuthClient.Basic(bystander))).StatusCode);
        Assert.Contains(fixture.Audit("clientguess"), l => l.Contains($"error_id={ErrorIds.ThrottleClientBackoff}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Outdated_registration_access_tokens_back_off_that_client_even_for_its_current_token()
    {
        const string prefix = "/tenants/clientguess";
        var client = await Http.RegisterAsync(prefix, adminToken: await Http.AdminTokenAsync(prefix, secret: Secret));
        var path = new Uri(client.Str("registration_client_uri")).AbsolutePath;
        var update = await (await Http.SendJsonAsync(HttpMethod.Put, path, client.Str("registration_access_token"),
            $$"""{"client_id": "{{client.Str("client_id")}}", "grant_types": ["client_credentials"]}""")).JsonAsync();
        var current = update.Str("registration_access_token");
        for (var i = 0; i < 3; i++)
        {
            await (await Http.SendJsonAsync(HttpMethod.Get, path, client.Str("registration_access_token"), null)).AssertErrorAsync(HttpStatusCode.Unauthorized, "invalid_token");
        }

        await AssertThrottledAsync(await Http.SendJsonAsync(HttpMethod.Get, path, current, null), 1, 3);
        await Task.Delay(TimeSpan.FromSeconds(3.2));
        Assert.Equal(HttpStatusCode.OK, (await Http.SendJsonAsync(HttpMethod.Get, path, current, null)).StatusCode);
    }

    [Fact]
    public async Task Failures_from_one_address_back_off_that_address_for_every_client_of_the_tenant()
    {
        const string prefix = "/tenants/spray";
        for (var i = 0; i < 4; i++)
        {
            // A different made-up client each time: only the address ties the attempts together.
            await (await Http.TokenAsync(prefix, "grant_type=client_credentials", OAuthClient.Basic($"guess{i}", "wrong")))
                .AssertErrorAsync(HttpStatusCode.Unauthorized, "invalid_client");
        }

        await AssertThrottledAsync(await AdminTokenAsync(prefix, Secret), 1, 30);
        await AssertThrottledAsync(await Http.SendJsonAsync(HttpMethod.Post, prefix + "/register", "garbage", OAuthClient.ExampleRegistration), 1, 30);

        // Another tenant counts its own failures.
        Assert.Equal(HttpStatusCode.OK, (await AdminTokenAsync("/tenants/clientguess", Secret)).StatusCode);
        Assert.Contains(fixture.Audit("spray"), l => l.Contains($"error_id={ErrorIds.ThrottleAddressBackoff}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Invalid_bearer_tokens_at_the_registration_endpoint_count_against_the_address()
    {
        const string prefix = "/tenants/bearerguess";
        for (var i = 0; i < 4; i++)
        {
            await (await Http.SendJsonAsync(HttpMethod.Post, prefix + "/register", $"forged.token.{i}", OAuthClient.ExampleRegistration))
                .AssertErrorAsync(HttpStatusCode.Unauthorized, "invalid_token");
        }

        await AssertThrottledAsync(await AdminTokenAsync(prefix, Secret), 1, 30);
    }

    [Fact]
    public async Task The_tenants_registration_rate_answers_429_with_retry_after()
    {
        const string prefix = "/tenants/ratelimited";
        var admin = await Http.AdminTokenAsync(prefix, secret: Secret);
        for (var i = 0; i < 3; i++)
        {
            await Http.RegisterAsync(prefix, adminToken: admin);
        }

        var refused = await Http.SendJsonAsync(HttpMethod.Post, prefix + "/register", admin, OAuthClient.ExampleRegistration);

        await AssertThrottledAsync(refused, 1, 5);
        Assert.Contains(fixture.Audit("ratelimited"), l => l.Contains($"error_id={ErrorIds.ThrottleRegistrationRate}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_clients_token_rate_answers_429_with_retry_after()
    {
        const string prefix = "/tenants/tokenrate";
        var client = await Http.RegisterAsync(prefix, adminToken: await Http.AdminTokenAsync(prefix, secret: Secret));
        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await Http.TokenAsync(prefix, "grant_type=client_credentials", OAuthClient.Basic(client))).StatusCode);
        }

        await AssertThrottledAsync(await Http.TokenAsync(prefix, "grant_type=client_credentials", OAuthClient.Basic(client)), 1, 5);
        Assert.Contains(fixture.Audit("tokenrate"), l => l.Contains($"error_id={ErrorIds.ThrottleTokenRate}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_client_quota_refuses_registrations_past_it_until_a_client_is_deleted()
    {
        const string prefix = "/tenants/quota";
        var admin = await Http.AdminTokenAsync(prefix, secret: Secret);
        var first = await Http.RegisterAsync(prefix, adminToken: admin);
        await Http.RegisterAsync(prefix, adminToken: admin);

        var refused = await Http.SendJsonAsync(HttpMethod.Post, prefix + "/register", admin, OAuthClient.ExampleRegistration);
        var body = await refused.AssertErrorAsync(HttpStatusCode.Forbidden, "access_denied");
        Assert.Contains("MaxClients = 2", body.Str("error_description"), StringComparison.Ordinal);
        Assert.Null(refused.Headers.RetryAfter);

        var delete = await Http.SendJsonAsync(HttpMethod.Delete, new Uri(first.Str("registration_client_uri")).AbsolutePath, first.Str("registration_access_token"), null);
        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        await Http.RegisterAsync(prefix, adminToken: admin);
        Assert.Contains(fixture.Audit("quota"), l => l.Contains($"error_id={ErrorIds.QuotaMaxClients}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_flood_of_refusals_is_counted_in_the_metric_and_audited_in_one_event()
    {
        const string prefix = "/tenants/flood";
        var admin = await Http.AdminTokenAsync(prefix, secret: Secret);
        await Http.RegisterAsync(prefix, adminToken: admin);
        var before = fixture.Server.Logs.Lines.Count;
        for (var i = 0; i < 30; i++)
        {
            await (await Http.SendJsonAsync(HttpMethod.Post, prefix + "/register", admin, OAuthClient.ExampleRegistration))
                .AssertErrorAsync(HttpStatusCode.Forbidden, "access_denied");
        }

        fixture.Audit("flood");
        var events = fixture.ThrottledEvents("flood", before);
        var metrics = await Http.GetStringAsync("/metrics");

        // One event per 10 s window (two if the window turned during the loop), together counting all 30.
        Assert.InRange(events.Count, 1, 2);
        Assert.All(events, e => Assert.Contains("ip=127.0.0.1", e, StringComparison.Ordinal));
        Assert.Equal(30, events.Sum(e => int.Parse(Regex.Match(e, @"count=(\d+) ").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Contains(
            $"registry_throttled_total{{otel_scope_name=\"Registry\",endpoint=\"register\",reason=\"{ErrorIds.QuotaMaxClients}\",tenant=\"flood\"}} 30",
            metrics, StringComparison.Ordinal);
    }

    private Task<HttpResponseMessage> AdminTokenAsync(string prefix, string secret) =>
        Http.TokenAsync(prefix, $"grant_type=client_credentials&client_id=registerClient&client_secret={Uri.EscapeDataString(secret)}&scope=register");

    /// <summary>A 429 with an OAuth body and a Retry-After between <paramref name="minSeconds"/> and <paramref name="maxSeconds"/>.</summary>
    private static async Task AssertThrottledAsync(HttpResponseMessage response, int minSeconds, int maxSeconds)
    {
        await response.AssertErrorAsync(HttpStatusCode.TooManyRequests, "temporarily_unavailable");
        var retryAfter = response.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value.TotalSeconds, minSeconds, maxSeconds);
    }

    public sealed class Fixture : IAsyncLifetime
    {
        public RegistryServer Server { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            var settings = new Dictionary<string, string>();
            void Tenant(string name, params (string Key, string Value)[] limits)
            {
                settings[$"Registry:Tenants:{name}:AdminClientSecret"] = Secret;
                settings[$"Registry:Tenants:{name}:DefaultGrantTypes:0"] = "client_credentials";
                foreach (var (key, value) in limits)
                {
                    settings[$"Registry:Tenants:{name}:{key}"] = value;
                }
            }

            var quiet = ("Limits:AddressFailuresBeforeBackoff", "1000");
            Tenant("adminguess", quiet, ("Limits:ClientFailuresBeforeBackoff", "3"), ("Limits:BackoffSeconds", "2"), ("Limits:MaxBackoffSeconds", "8"));
            Tenant("clientguess", quiet, ("Limits:ClientFailuresBeforeBackoff", "3"), ("Limits:BackoffSeconds", "3"));
            Tenant("spray", ("Limits:AddressFailuresBeforeBackoff", "4"), ("Limits:BackoffSeconds", "30"));
            Tenant("bearerguess", ("Limits:AddressFailuresBeforeBackoff", "4"), ("Limits:BackoffSeconds", "30"));
            Tenant("ratelimited", quiet, ("Limits:RegistrationBurst", "3"), ("Limits:RegistrationsPerSecond", "0.2"));
            Tenant("tokenrate", quiet, ("Limits:TokenBurst", "2"), ("Limits:TokenRequestsPerSecond", "0.2"));
            Tenant("quota", quiet, ("MaxClients", "2"));
            Tenant("flood", quiet, ("MaxClients", "1"));
            Server = await RegistryServer.StartAsync(settings);
        }

        /// <summary>
        /// Every aggregated throttling event of a tenant so far, after a flush now: the periodic flush (every 10 s) may
        /// already have written some (each tenant here belongs to one test).
        /// </summary>
        public IReadOnlyList<string> Audit(string tenant)
        {
            Server.Services.GetRequiredService<ThrottleAudit>().Flush();
            return ThrottledEvents(tenant, 0);
        }

        /// <summary>The aggregated throttling events of a tenant logged since line <paramref name="from"/>, by any flush.</summary>
        public IReadOnlyList<string> ThrottledEvents(string tenant, int from) =>
            [.. Server.Logs.Lines.Skip(from)
                .Where(l => l.Category == "Registry.Audit" && l.Text.Contains(" throttled ", StringComparison.Ordinal) && l.Text.Contains($"tenant={tenant} ", StringComparison.Ordinal))
                .Select(l => l.Text)];

        public async Task DisposeAsync() => await Server.DisposeAsync();
    }
}
