using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Registry.Gateway.Tests.Infrastructure;

/// <summary>
/// The real gateway (embedded silo, Kestrel on a loopback port) started in-process, reached over TCP by
/// HttpClient: the full pipeline, real HTTP, real JWT signing.
/// </summary>
public sealed class RegistryServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private RegistryServer(WebApplication app, Uri baseAddress, CapturedLogs logs)
    {
        _app = app;
        BaseAddress = baseAddress;
        Logs = logs;
        Http = new HttpClient(new TraceParentHandler()) { BaseAddress = baseAddress };
    }

    public Uri BaseAddress { get; }

    /// <summary>The issuer of the default tenant when none is configured: the address requests arrive at.</summary>
    public string Issuer => BaseAddress.ToString().TrimEnd('/');

    public HttpClient Http { get; }

    public CapturedLogs Logs { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>
    /// The stable error id the server gave a refused request: read from the request's audit event, found by the
    /// trace id <see cref="TraceParentHandler"/> sent (the server logs the event before it answers).
    /// </summary>
    public string ErrorIdOf(HttpResponseMessage response)
    {
        var traceId = TraceParentHandler.TraceIdOf(response);
        var audit = Logs.Lines.Where(l => l.Category == "Registry.Audit" && l.Text.Contains($"TraceId={traceId}", StringComparison.Ordinal)).ToList();
        var line = Assert.Single(audit).Text;
        var start = line.IndexOf("ErrorId=", StringComparison.Ordinal);
        Assert.True(start >= 0, $"the audit event has no error id: {line}");
        return line[(start + "ErrorId=".Length)..].Split(' ', ']')[0];
    }

    /// <summary>An OAuth error response (status, code, body shape, no caching) refused for the reason <paramref name="errorId"/>.</summary>
    public async Task<System.Text.Json.JsonElement> AssertErrorAsync(HttpResponseMessage response, System.Net.HttpStatusCode status, string error, string errorId)
    {
        var body = await response.AssertErrorAsync(status, error);
        Assert.Equal(errorId, ErrorIdOf(response));
        return body;
    }

    /// <summary>Limits raised out of reach for these tenants: for servers many tests share from one address.</summary>
    public static IEnumerable<KeyValuePair<string, string>> UnthrottledTenants(params string[] tenants) =>
        tenants.SelectMany(tenant => new Dictionary<string, string>
        {
            [$"Registry:Tenants:{tenant}:Limits:RegistrationBurst"] = "1000000",
            [$"Registry:Tenants:{tenant}:Limits:TokenBurst"] = "1000000",
            [$"Registry:Tenants:{tenant}:Limits:ClientFailuresBeforeBackoff"] = "1000000",
            [$"Registry:Tenants:{tenant}:Limits:AddressFailuresBeforeBackoff"] = "1000000",
        });

    /// <summary>The key ring folder of this test run's servers (they share it, as a deployment's silos do).</summary>
    public static readonly string KeyRingPath = Path.Combine(Path.GetTempPath(), "registry-gateway-tests-keyring-" + Environment.ProcessId);

    public static async Task<RegistryServer> StartAsync(IReadOnlyDictionary<string, string>? settings = null, Action<WebApplicationBuilder>? configure = null)
    {
        var app = Build(settings, out var logs, configure);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new RegistryServer(app, new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal)), logs);
    }

    /// <summary>Builds the app as Program does, on free ports, with log capture.</summary>
    public static WebApplication Build(IReadOnlyDictionary<string, string>? settings, out CapturedLogs logs, Action<WebApplicationBuilder>? configure = null)
    {
        var args = new List<string>
        {
            // Kestrel binds port 0 itself and keeps it; Orleans' ports come from below the ephemeral range.
            "--urls=http://127.0.0.1:0",
            $"--Registry:Cluster:SiloPort={TestPorts.Next()}",
            $"--Registry:Cluster:GatewayPort={TestPorts.Next()}",
        };
        // The embedded silo's Data Protection key ring in a folder of this test run, not in the user's profile.
        if (settings?.ContainsKey("Registry:DataProtection:KeyRingPath") != true)
        {
            args.Add($"--Registry:DataProtection:KeyRingPath={KeyRingPath}");
        }

        // The quick start's environment unless a test names another (Production has stricter startup checks).
        if (settings?.ContainsKey("environment") != true)
        {
            args.Add("--environment=Development");
        }

        args.AddRange((settings ?? new Dictionary<string, string>()).Select(s => $"--{s.Key}={s.Value}"));
        var captured = new CapturedLogs();
        logs = captured;
        return RegistryGatewayApp.Build([.. args], builder =>
        {
            builder.Logging.AddProvider(captured);
            configure?.Invoke(builder);
        });
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
