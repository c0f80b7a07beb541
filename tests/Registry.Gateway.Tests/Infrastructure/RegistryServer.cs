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
        Http = new HttpClient { BaseAddress = baseAddress };
    }

    public Uri BaseAddress { get; }

    /// <summary>The issuer of the default tenant when none is configured: the address requests arrive at.</summary>
    public string Issuer => BaseAddress.ToString().TrimEnd('/');

    public HttpClient Http { get; }

    public CapturedLogs Logs { get; }

    public IServiceProvider Services => _app.Services;

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
