using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Registry.Cluster.Tests;

/// <summary>Drives deploy/local/cluster.sh exactly as an operator would, on free ports and a private run folder.</summary>
public sealed class LocalCluster
{
    private readonly Dictionary<string, string> _environment;

    public LocalCluster(int silos)
    {
        Repository = FindRepository();
        RunDirectory = Path.Combine(Repository, ".run", "cluster-tests-" + Guid.NewGuid().ToString("N")[..8]);
        GatewayPort = FreePort();
        RedisPort = FreePort();
        AzuritePort = FreePort();
        var siloBase = FreeRange();
        SiloPortBase = siloBase;
        _environment = new()
        {
            ["SILOS"] = silos.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["GATEWAY_PORT"] = GatewayPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["REDIS_PORT"] = RedisPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["AZURITE_PORT"] = AzuritePort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["SILO_PORT_BASE"] = siloBase.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["SILO_GATEWAY_PORT_BASE"] = (siloBase + 10).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["SILO_HTTP_PORT_BASE"] = (siloBase + 20).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["RUN_DIR"] = RunDirectory,
            ["CLUSTER_ID"] = "registry-test",
        };
    }

    public string Repository { get; }

    public string RunDirectory { get; }

    public int GatewayPort { get; }

    public int RedisPort { get; }

    public int AzuritePort { get; }

    public int SiloPortBase { get; }

    public Uri Gateway => new($"http://127.0.0.1:{GatewayPort}");

    public string RedisConnectionString => $"127.0.0.1:{RedisPort}";

    public string TableConnectionString =>
        "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;" +
        $"TableEndpoint=http://127.0.0.1:{AzuritePort}/devstoreaccount1;";

    public Task<string> RunAsync(params string[] arguments) => RunAsync(TimeSpan.FromMinutes(5), arguments);

    public Task<string> RunAsync(TimeSpan timeout, params string[] arguments) => RunAsync(timeout, new Dictionary<string, string>(), arguments);

    public async Task<string> RunAsync(TimeSpan timeout, IReadOnlyDictionary<string, string> extraEnvironment, params string[] arguments)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Repository };
        start.ArgumentList.Add(Path.Combine(Repository, "deploy", "local", "cluster.sh"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in _environment.Concat(extraEnvironment))
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var cancellation = new CancellationTokenSource(timeout);
        await process.WaitForExitAsync(cancellation.Token);
        var text = await output + await error;
        return process.ExitCode == 0
            ? text
            : throw new InvalidOperationException($"cluster.sh {string.Join(' ', arguments)} exited {process.ExitCode}:\n{text}\n{Logs()}");
    }

    /// <summary>The tail of every process log, for failure messages.</summary>
    public string Logs()
    {
        var text = new StringBuilder();
        var folder = Path.Combine(RunDirectory, "logs");
        foreach (var file in Directory.Exists(folder) ? Directory.GetFiles(folder) : [])
        {
            text.AppendLine($"--- {Path.GetFileName(file)}");
            foreach (var line in File.ReadLines(file).TakeLast(15))
            {
                text.AppendLine(line);
            }
        }

        return text.ToString();
    }

    private static string FindRepository()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Registry.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Registry.sln not found above the test binaries");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>
    /// A base port B such that B+1..B+29 are free (silo, silo-gateway and health ports of silos 1-9), below
    /// Linux's ephemeral range (32768+), whose ports outgoing and TIME_WAIT connections may hold.
    /// </summary>
    private static int FreeRange()
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var candidate = Random.Shared.Next(20_000, 32_000) / 100 * 100;
            if (Enumerable.Range(candidate + 1, 29).All(IsFree))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("no free port range");
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
