using System.Diagnostics;
using System.Text;

namespace Registry.Cluster.Tests;

/// <summary>Drives deploy/local/cluster.sh exactly as an operator would, on free ports and a private run folder.</summary>
public sealed class LocalCluster
{
    private readonly Dictionary<string, string> _environment;

    public LocalCluster(int silos)
    {
        Repository = RepositoryPaths.Root;
        RunDirectory = Path.Combine(Repository, ".run", "cluster-tests-" + Guid.NewGuid().ToString("N")[..8]);
        GatewayPort = TestPorts.Next();
        RedisPort = TestPorts.Next();
        AzuritePort = TestPorts.Next();
        AzuriteBlobPort = TestPorts.Next();

        // Silo K (1-9) listens on base+K, its Orleans gateway on base+10+K, its health endpoint on base+20+K.
        var siloBase = TestPorts.NextRange(30);
        SiloPortBase = siloBase;
        _environment = new()
        {
            ["SILOS"] = silos.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["GATEWAY_PORT"] = GatewayPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["REDIS_PORT"] = RedisPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["AZURITE_PORT"] = AzuritePort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["AZURITE_BLOB_PORT"] = AzuriteBlobPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["SILO_PORT_BASE"] = siloBase.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["SILO_GATEWAY_PORT_BASE"] = (siloBase + 10).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["SILO_HTTP_PORT_BASE"] = (siloBase + 20).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["RUN_DIR"] = RunDirectory,
            ["TLS"] = TlsEnabled ? "1" : "0",
            ["CLUSTER_ID"] = "registry-test",

            // The failover tests drive load from one address: the default tenant's limits are raised out of their way.
            ["Registry__Tenants__default__Limits__RegistrationBurst"] = "1000000",
            ["Registry__Tenants__default__Limits__TokenBurst"] = "1000000",
            ["Registry__Tenants__default__Limits__ClientFailuresBeforeBackoff"] = "1000000",
            ["Registry__Tenants__default__Limits__AddressFailuresBeforeBackoff"] = "1000000",
        };
    }

    /// <summary>Adds a variable every later cluster.sh command passes to the processes it starts (silos and gateways alike).</summary>
    public void SetEnvironment(string key, string value) => _environment[key] = value;

    public string Repository { get; }

    /// <summary>
    /// The cluster runs with mutually authenticated TLS (cluster.sh's default); TLS=0 in the test run's
    /// environment runs it on plain TCP (to see what the TLS tests would observe without it).
    /// </summary>
    public static bool TlsEnabled => Environment.GetEnvironmentVariable("TLS") != "0";

    /// <summary>Where cluster.sh put the CA and certificates (ca.crt, silo.crt/.key, gateway.crt/.key).</summary>
    public string TlsDirectory => Path.Combine(RunDirectory, "tls");

    /// <summary>"Registry:Cluster:Tls" settings of an Orleans client of this cluster holding the gateways' certificate.</summary>
    public IReadOnlyDictionary<string, string?> ClientTlsSettings => TlsEnabled
        ? new Dictionary<string, string?>
        {
            ["Registry:Cluster:Tls:Enabled"] = "true",
            ["Registry:Cluster:Tls:CertificatePath"] = Path.Combine(TlsDirectory, "gateway.crt"),
            ["Registry:Cluster:Tls:KeyPath"] = Path.Combine(TlsDirectory, "gateway.key"),
            ["Registry:Cluster:Tls:CaPath"] = Path.Combine(TlsDirectory, "ca.crt"),
        }
        : new Dictionary<string, string?> { ["Registry:Cluster:Tls:Enabled"] = "false" };

    public string RunDirectory { get; }

    public int GatewayPort { get; }

    public int RedisPort { get; }

    public int AzuritePort { get; }

    /// <summary>Azurite's blob service (the silos' Data Protection key ring).</summary>
    public int AzuriteBlobPort { get; }

    public int SiloPortBase { get; }

    public Uri Gateway => new($"http://127.0.0.1:{GatewayPort}");

    public string RedisConnectionString => $"127.0.0.1:{RedisPort}";

    public string TableConnectionString =>
        "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;" +
        $"TableEndpoint=http://127.0.0.1:{AzuritePort}/devstoreaccount1;BlobEndpoint=http://127.0.0.1:{AzuriteBlobPort}/devstoreaccount1;";

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
}
