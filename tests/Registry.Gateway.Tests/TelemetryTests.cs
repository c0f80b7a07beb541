using System.Diagnostics;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Registry.Gateway.Tests.Infrastructure;
using Registry.Silo.Hosting.Telemetry;

namespace Registry.Gateway.Tests;

/// <summary>
/// One server with an in-memory trace exporter runs a whole flow (successes and failures); the
/// tests then look at the trace, the Prometheus output, the audit log, and scan everything for secrets.
/// </summary>
public sealed partial class TelemetryTests : IClassFixture<TelemetryTests.Flow>
{
    private static readonly string[] AllowedLabels = ["otel_scope_name", "tenant", "outcome", "error", "grant_type", "client_kind", "operation", "endpoint", "reason", "action", "kind", "exception", "le"];

    private readonly Flow _flow;

    public TelemetryTests(Flow flow) => _flow = flow;

    [Fact]
    public void A_registration_is_one_connected_trace_from_http_through_the_grain_to_storage()
    {
        var http = _flow.Spans.Single(s => s.DisplayName == "POST /register" && (string?)s.GetTagItem("oauth.client_id") == _flow.Client.Str("client_id"));
        var trace = _flow.Spans.Where(s => s.TraceId == http.TraceId).ToList();
        var grainServer = trace.Single(s => s.Source.Name == "Microsoft.Orleans.Application" && s.DisplayName == "IClientGrain/Register" && s.Kind == ActivityKind.Server);
        var storage = trace.Single(s => s.Source.Name == "Microsoft.Orleans.Storage" && s.DisplayName == "write storage" && s.ParentSpanId == grainServer.SpanId);

        Assert.Equal(http.SpanId, Ancestors(grainServer, trace).Last().SpanId);
        Assert.Equal(http.SpanId, Ancestors(storage, trace).Last().SpanId);
        Assert.Equal("default", http.GetTagItem("registry.tenant"));
        Assert.Equal("default", grainServer.GetTagItem("registry.tenant"));
        Assert.Equal("success", http.GetTagItem("oauth.outcome"));
        Assert.Equal("register", http.GetTagItem("registry.endpoint"));
    }

    [Fact]
    public void Refused_requests_carry_the_oauth_error_code_on_their_span()
    {
        // ActivitySource listeners are process-wide: other test servers' requests are recorded too, so only this server's count.
        var port = _flow.Server.BaseAddress.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var refused = _flow.Spans.Where(s => s.DisplayName == "POST /token" && (string?)s.GetTagItem("oauth.error") == "invalid_client"
            && Convert.ToString(s.GetTagItem("server.port"), System.Globalization.CultureInfo.InvariantCulture) == port).ToList();

        Assert.Equal(2, refused.Count);
        Assert.All(refused, s => Assert.Equal("error", s.GetTagItem("oauth.outcome")));
        Assert.All(refused, s => Assert.Equal("client_auth.failed", s.GetTagItem("oauth.error_id")));
    }

    [Fact]
    public void The_documented_metrics_are_exported_with_low_cardinality_labels_and_no_client_id()
    {
        var families = MetricFamilies(_flow.Metrics);

        foreach (var name in new[]
        {
            "registry_registrations_total", "registry_client_reads_total", "registry_client_updates_total", "registry_client_deletes_total",
            "registry_tokens_total", "registry_client_authentication_failures_total", "registry_registration_token_failures_total",
            "registry_request_duration_seconds", "registry_clients", "registry_silos_active", "registry_throttled_total",
            "orleans_catalog_activations", "orleans_storage_write_latency_milliseconds", "http_server_request_duration_seconds", "dotnet_gc_collections_total",
            "registry_client_secrets_expired_total", "registry_client_secrets_rotated_total", "registry_clients_reaped_total", "registry_tokens_revoked_total",
            "registry_signing_key_age_seconds",
        })
        {
            Assert.Contains(name, families);
        }

        var registryLabels = Labels(_flow.Metrics).Where(l => l.Metric.StartsWith("registry_", StringComparison.Ordinal)).ToList();
        Assert.All(registryLabels, l => Assert.Contains(l.Name, AllowedLabels));
        Assert.Contains(registryLabels, l => l.Metric == "registry_tokens_total" && l.Name == "error" && l.Value == "invalid_client");
        Assert.Contains(registryLabels, l => l.Metric == "registry_registration_token_failures_total" && l.Name == "operation" && l.Value == "client_read");
        Assert.Contains("registry_clients{otel_scope_name=\"Registry\",tenant=\"default\"} ", _flow.Metrics, StringComparison.Ordinal);
        Assert.All(_flow.ClientIds, id => Assert.DoesNotContain(id, _flow.Metrics, StringComparison.Ordinal));
    }

    [Fact]
    public void A_retried_grain_call_is_counted_on_metrics_by_its_failure()
    {
        var retries = _flow.Metrics.Split('\n').Where(l => l.StartsWith("registry_grain_calls_retried_total{", StringComparison.Ordinal)
            && l.Contains("exception=\"SiloUnavailableException\"", StringComparison.Ordinal)).ToList();

        var line = Assert.Single(retries);
        Assert.True(double.Parse(line.Split(' ')[^1], System.Globalization.CultureInfo.InvariantCulture) >= 1, line);

        // Polly's own meter (an event on every execution) is not exported.
        Assert.DoesNotContain("resilience_polly_", _flow.Metrics, StringComparison.Ordinal);
    }

    [Fact]
    public void The_service_version_is_the_assemblys_informational_version_without_metadata()
    {
        var resource = _flow.Server.Services.GetRequiredService<MeterProvider>().GetResource();
        var version = Assert.Single(resource.Attributes, a => a.Key == "service.version").Value as string;

        Assert.Equal(HealthTests.ExpectedVersion(), version);
        Assert.DoesNotContain("+", version!, StringComparison.Ordinal);
        Assert.NotEqual("1.0.0", version);
        Assert.NotEqual("0.0.0", version);
    }

    [Fact]
    public void The_audit_log_has_one_event_per_operation_with_tenant_client_outcome_ip_and_trace()
    {
        var audit = _flow.Server.Logs.Lines.Where(l => l.Category == "Registry.Audit").Select(l => l.Text).ToList();
        var clientId = _flow.Client.Str("client_id");

        foreach (var operation in new[] { "register", "client_read", "client_update", "client_delete" })
        {
            var line = Assert.Single(audit, a => a.Contains($"Operation={operation} ", StringComparison.Ordinal) && a.Contains($"ClientId={clientId}", StringComparison.Ordinal) && a.Contains("outcome=success", StringComparison.Ordinal));
            Assert.Contains("Tenant=default", line, StringComparison.Ordinal);
            Assert.Matches("CallerIp=127\\.0\\.0\\.1", line);
            Assert.Matches("TraceId=[0-9a-f]{32}", line);
        }

        Assert.Contains(audit, a => a.Contains("authentication failed", StringComparison.Ordinal) && a.Contains("Error=invalid_client", StringComparison.Ordinal)
            && a.Contains("ErrorId=client_auth.failed", StringComparison.Ordinal) && a.Contains("ClientId=registerClient", StringComparison.Ordinal));
        Assert.Contains(audit, a => a.Contains("Operation=client_read", StringComparison.Ordinal) && a.Contains("Error=invalid_token", StringComparison.Ordinal)
            && a.Contains("ErrorId=registration_token.invalid", StringComparison.Ordinal));
        // A client_id that Registry never issued is caller input: it is not written to the audit log.
        var forged = Assert.Single(audit, a => a.Contains("Operation=token", StringComparison.Ordinal) && a.Contains("client_id= outcome=error error=invalid_client", StringComparison.Ordinal));
        Assert.DoesNotContain("]", forged.Split('[')[0], StringComparison.Ordinal);
    }

    [Fact]
    public void No_log_line_span_attribute_or_metric_label_holds_a_secret_or_token()
    {
        var spanText = string.Join('\n', _flow.Spans.SelectMany(s => s.TagObjects.Select(t => $"{t.Key}={t.Value}").Append(s.DisplayName)));
        var everything = _flow.Server.Logs.AllText + "\n" + spanText + "\n" + _flow.Metrics;

        Assert.NotEmpty(_flow.Secrets);
        foreach (var secret in _flow.Secrets)
        {
            Assert.DoesNotContain(secret, everything, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("Bearer ", spanText, StringComparison.Ordinal);
        Assert.DoesNotContain("Basic ", spanText, StringComparison.Ordinal);
        Assert.DoesNotContain("redirect_uris", spanText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_dashboard_panel_queries_metrics_the_service_exports()
    {
        var path = Path.Combine(RepositoryPaths.Root, "deploy", "observability", "grafana", "registry-dashboard.json");
        using var dashboard = JsonDocument.Parse(await File.ReadAllTextAsync(path));
        var root = dashboard.RootElement;
        Assert.False(string.IsNullOrEmpty(root.GetProperty("uid").GetString()));
        Assert.False(string.IsNullOrEmpty(root.GetProperty("title").GetString()));
        Assert.True(root.GetProperty("schemaVersion").GetInt32() >= 30);
        var families = MetricFamilies(_flow.Metrics);
        var panels = root.GetProperty("panels").EnumerateArray().ToList();
        Assert.True(panels.Count >= 10);

        foreach (var panel in panels)
        {
            var title = panel.GetProperty("title").GetString();
            Assert.True(panel.GetProperty("gridPos").TryGetProperty("w", out _), $"{title}: no gridPos");
            var targets = panel.GetProperty("targets").EnumerateArray().ToList();
            Assert.NotEmpty(targets);
            foreach (var target in targets)
            {
                Assert.False(string.IsNullOrEmpty(target.GetProperty("refId").GetString()));
                var metrics = MetricReference().Matches(target.GetProperty("expr").GetString()!).Select(m => HistogramFamily(m.Value)).ToList();
                Assert.True(metrics.Count > 0, $"{title}: no metric in {target}");
                Assert.All(metrics, m => Assert.True(families.Contains(m), $"panel '{title}' queries {m}, which the service does not export"));
            }
        }
    }

    private static IEnumerable<Activity> Ancestors(Activity span, List<Activity> trace)
    {
        for (var current = span; trace.FirstOrDefault(s => s.SpanId == current.ParentSpanId) is { } parent; current = parent)
        {
            yield return parent;
        }
    }

    private static HashSet<string> MetricFamilies(string prometheus) =>
        [.. prometheus.Split('\n').Where(l => l.StartsWith("# TYPE ", StringComparison.Ordinal)).Select(l => l.Split(' ')[2])];

    private static IEnumerable<(string Metric, string Name, string Value)> Labels(string prometheus) =>
        prometheus.Split('\n').Where(l => l.Length > 0 && l[0] != '#')
            .SelectMany(l => LabelPair().Matches(l).Select(m => (l[..l.IndexOf('{', StringComparison.Ordinal)], m.Groups[1].Value, m.Groups[2].Value)));

    private static string HistogramFamily(string name) => Regex.Replace(name, "_(bucket|sum|count)$", "");

    [GeneratedRegex("\\b(?:registry|orleans|dotnet|http_server|kestrel|aspnetcore|resilience)_[a-z_]+\\b")]
    private static partial Regex MetricReference();

    [GeneratedRegex("([a-z_]+)=\"([^\"]*)\"")]
    private static partial Regex LabelPair();

    /// <summary>The flow every test above inspects: successes and failures of each endpoint.</summary>
    public sealed class Flow : IAsyncLifetime
    {
        private readonly List<Activity> _spans = [];

        public RegistryServer Server { get; private set; } = null!;

        public IReadOnlyList<Activity> Spans { get { lock (_spans) { return [.. _spans]; } } }

        public string Metrics { get; private set; } = "";

        public JsonElement Client { get; private set; }

        public List<string> ClientIds { get; } = [];

        public List<string> Secrets { get; } = ["operator-secret-value", "wrong-guess-secret"];

        public async Task InitializeAsync()
        {
            Server = await RegistryServer.StartAsync(
                new Dictionary<string, string>
                {
                    ["Registry:Tenants:default:AdminClientSecret"] = "operator-secret-value",
                    ["Registry:Tenants:default:MaxClients"] = "2",
                    ["Registry:Telemetry:Tracing"] = "On",
                    ["Registry:Tenants:lifecycle:AdminClientSecret"] = LifecycleSecret,
                    ["Registry:Tenants:lifecycle:SecretLifetimeSeconds"] = "2",
                    ["Registry:Tenants:lifecycle:SecretOverlapSeconds"] = "0",
                    ["Registry:Tenants:lifecycle:SecretRotation"] = "on_update",
                    ["Registry:Tenants:lifecycle:IdleDisableAfterSeconds"] = "1",
                },
                builder => builder.Services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(_spans)));
            var http = Server.Http;
            var admin = await http.AdminTokenAsync(secret: "operator-secret-value");
            Client = await http.RegisterAsync(adminToken: admin);
            var other = await http.RegisterAsync(adminToken: admin);
            await (await http.SendJsonAsync(HttpMethod.Post, "/register", admin, OAuthClient.ExampleRegistration)).AssertErrorAsync(HttpStatusCode.Forbidden, "access_denied");
            var access = await http.ClientTokenAsync("", Client);
            var path = new Uri(Client.Str("registration_client_uri")).AbsolutePath;
            Assert.Equal(HttpStatusCode.OK, (await http.SendJsonAsync(HttpMethod.Get, path, Client.Str("registration_access_token"), null)).StatusCode);
            var update = await http.SendJsonAsync(HttpMethod.Put, path, Client.Str("registration_access_token"),
                $$"""{"client_id": "{{Client.Str("client_id")}}", "grant_types": ["client_credentials"]}""");
            Assert.Equal(HttpStatusCode.OK, update.StatusCode);
            var updated = await update.JsonAsync();
            await (await http.SendJsonAsync(HttpMethod.Get, path, "not-the-registration-token", null)).AssertErrorAsync(HttpStatusCode.Unauthorized, "invalid_token");
            await (await http.TokenAsync("", "grant_type=client_credentials&client_id=registerClient&client_secret=wrong-guess-secret"))
                .AssertErrorAsync(HttpStatusCode.Unauthorized, "invalid_client");
            await (await http.TokenAsync("", "grant_type=client_credentials&client_id=%5D&client_secret=x")).AssertErrorAsync(HttpStatusCode.Unauthorized, "invalid_client");
            await (await http.SendJsonAsync(HttpMethod.Post, "/register", access, OAuthClient.ExampleRegistration)).AssertErrorAsync(HttpStatusCode.Forbidden, "insufficient_scope");
            Assert.Equal(HttpStatusCode.NoContent, (await http.SendJsonAsync(HttpMethod.Delete, path, updated.Str("registration_access_token"), null)).StatusCode);

            await LifecycleAsync(http);
            await RetriedGrainCallAsync();

            ClientIds.AddRange([Client.Str("client_id"), other.Str("client_id")]);
            Secrets.AddRange([admin, access, Client.Str("client_secret"), Client.Str("registration_access_token"), updated.Str("registration_access_token"), other.Str("client_secret")]);
            await Server.Services.GetRequiredService<ClientCountReporter>().FlushAsync();
            await Eventually.UntilAsync(() => Spans.Any(s => s.DisplayName == "DELETE /register/{clientId}"), TimeSpan.FromSeconds(10), "the span of the delete request");
            Metrics = await http.GetStringAsync("/metrics");
        }

        public async Task DisposeAsync() => await Server.DisposeAsync();

        /// <summary>
        /// What the "Grain call retries" panel counts: one real grain call through the gateway's pipeline whose first
        /// attempt fails as when its silo is gone (a cluster of one silo cannot lose it in-process), then succeeds.
        /// </summary>
        private async Task RetriedGrainCallAsync()
        {
            var grains = Server.Services.GetRequiredService<IGrainFactory>();
            var attempts = 0;
            var tenant = await Server.Services.GetRequiredService<Registry.Gateway.Http.GrainCalls>().RetryAsync(grains, g => ++attempts == 1
                ? Task.FromException<Registry.Grains.Abstractions.TenantDescription?>(new SiloUnavailableException("the target silo became unavailable"))
                : g.GetGrain<Registry.Grains.Abstractions.ITenantGrain>("default").Describe(), CancellationToken.None);
            Assert.Equal(2, attempts);
            Assert.NotNull(tenant);
        }

        /// <summary>
        /// What the lifecycle panels count, at tenant "lifecycle" (2 s secrets rotated on update, clients idle after
        /// 1 s): a token revoked, a secret rotated, an expired secret refused, an idle client disabled by the sweep.
        /// </summary>
        private async Task LifecycleAsync(HttpClient http)
        {
            const string Prefix = "/tenants/lifecycle";
            var admin = await http.AdminTokenAsync(Prefix, secret: LifecycleSecret);
            var client = await http.RegisterAsync(Prefix, adminToken: admin);
            var token = await http.ClientTokenAsync(Prefix, client);
            using (var revoke = new HttpRequestMessage(HttpMethod.Post, Prefix + "/revoke") { Content = new FormUrlEncodedContent([new("token", token)]) })
            {
                revoke.Headers.Authorization = OAuthClient.Basic(client);
                using var revoked = await http.SendAsync(revoke);
                Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
            }

            var path = new Uri(client.Str("registration_client_uri")).AbsolutePath;
            using var update = await http.SendJsonAsync(HttpMethod.Put, path, client.Str("registration_access_token"),
                $$"""{"client_id": "{{client.Str("client_id")}}", "grant_types": ["client_credentials"]}""");
            var rotated = await update.JsonAsync();
            Assert.Equal(HttpStatusCode.OK, update.StatusCode);
            Assert.NotEqual(client.Str("client_secret"), rotated.Str("client_secret"));
            Secrets.AddRange([admin, token, client.Str("client_secret"), rotated.Str("client_secret"), client.Str("registration_access_token"), rotated.Str("registration_access_token")]);

            Assert.NotEmpty(await http.ClientTokenAsync(Prefix, rotated));
            await Eventually.UntilAsync(
                async () =>
                {
                    using var attempt = await http.TokenAsync(Prefix, "grant_type=client_credentials", OAuthClient.Basic(client.Str("client_id"), rotated.Str("client_secret")));
                    return attempt.StatusCode;
                },
                status => status == HttpStatusCode.Unauthorized,
                TimeSpan.FromSeconds(10),
                "the rotated secret's expiry");
            var sweep = Server.Services.GetRequiredService<IGrainFactory>().GetGrain<Registry.Grains.Abstractions.IIdleClientSweepGrain>("lifecycle");
            await Eventually.UntilAsync(sweep.SweepNow, pass => pass.Disabled == 1, TimeSpan.FromSeconds(10), "the idle client disabled by the sweep");
        }
    }

    private const string LifecycleSecret = "lifecycle-bootstrap-secret-0123456789ab";
}
