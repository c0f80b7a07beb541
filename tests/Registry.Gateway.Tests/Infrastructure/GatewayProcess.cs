using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Registry.Gateway.Tests.Infrastructure;

/// <summary>
/// The gateway as operators run it: `dotnet Registry.Gateway.dll` in a child process (embedded silo, its own
/// Kestrel and thread pool), configured by command-line arguments, its console output kept for assertions.
/// Kestrel binds port 0 itself; the port is read from its "Now listening on" line.
/// </summary>
public sealed partial class GatewayProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartupDeadline = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource<int> _port = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The default tenant's bootstrap secret in the started process (Production refuses the default one).</summary>
    public const string AdminSecret = "hostile-traffic-test-secret-of-32-chars";

    private GatewayProcess(IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Registry.Gateway.dll"));
        start.ArgumentList.Add("--urls=http://127.0.0.1:0");
        start.ArgumentList.Add($"--Registry:Cluster:SiloPort={TestPorts.Next()}");
        start.ArgumentList.Add($"--Registry:Cluster:GatewayPort={TestPorts.Next()}");

        // As deployed: the Production environment, with what it requires.
        start.ArgumentList.Add("--environment=Production");
        start.ArgumentList.Add("--AllowedHosts=127.0.0.1");
        start.ArgumentList.Add($"--Registry:Tenants:default:AdminClientSecret={AdminSecret}");
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        _process = new Process { StartInfo = start, EnableRaisingEvents = true };
        _process.Exited += (_, _) => _port.TrySetException(new InvalidOperationException($"the gateway exited before listening:\n{Output}"));
        _process.OutputDataReceived += (_, line) => Record(line.Data);
        _process.ErrorDataReceived += (_, line) => Record(line.Data);
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>The HTTP port Kestrel listens on.</summary>
    public int Port => _port.Task.Result;

    /// <summary>Everything the process wrote to stdout and stderr so far.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public bool HasExited => _process.HasExited;

    /// <summary>Starts the gateway with extra "--key=value" arguments and waits until it reports ready.</summary>
    public static async Task<GatewayProcess> StartAsync(params string[] arguments)
    {
        var gateway = new GatewayProcess(arguments);
        try
        {
            await gateway._port.Task.WaitAsync(StartupDeadline);
            await Eventually.UntilAsync(
                async () => gateway.HasExited ? -1 : await ProbeAsync(gateway.Port),
                status => status is 200 or -1,
                StartupDeadline,
                "the gateway process to answer /healthz/ready");
            return gateway.HasExited ? throw new InvalidOperationException($"the gateway exited:\n{gateway.Output}") : gateway;
        }
        catch
        {
            await gateway.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
        _process.Dispose();
    }

    private static async Task<int> ProbeAsync(int port)
    {
        try
        {
            return (await RawHttp.GetAsync(port, "/healthz/ready", TimeSpan.FromSeconds(5))).Status;
        }
        catch (Exception exception) when (exception is IOException or System.Net.Sockets.SocketException or TimeoutException)
        {
            return 0;
        }
    }

    private void Record(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }

        if (ListeningLine().Match(line) is { Success: true } match)
        {
            _port.TrySetResult(int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture));
        }
    }

    [GeneratedRegex(@"Now listening on: http://127\.0\.0\.1:(\d+)")]
    private static partial Regex ListeningLine();
}
