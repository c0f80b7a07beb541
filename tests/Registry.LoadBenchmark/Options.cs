using System.Globalization;

namespace Registry.LoadBenchmark;

/// <summary>Command line: see <see cref="Usage"/>.</summary>
internal sealed record Options
{
    public const string Usage = """
        Registry load benchmark: drives servers that speak Registry's API (POST /token, POST /register, RFC 7592)
        at a fixed concurrency for a fixed time after a warm-up, and prints throughput and p50/p99 latency.

          dotnet run -c Release --project tests/Registry.LoadBenchmark -- --a URL [--b URL] [options]

          --a URL, --b URL        issuer URLs of server A and (optionally) server B; with B, rounds alternate A B A B ...
          --a-pid PID, --b-pid    process ids, to report resident memory (RSS) of each server
          --admin-id ID           admin client id (registerClient); --admin-secret SECRET (password)
          --scenarios LIST        register,token,read,mixed (default) and/or scale; jwks (GET /jwks: the fixed cost of a request);
                                  introspect (POST /introspect of another pool client's token; not in the default list)
          --connections N         concurrent connections (32)
          --warmup S              warm-up seconds per scenario run (3)
          --duration S            measured seconds per scenario run (10)
          --rounds N              rounds (5); each round runs every scenario on A, then on B
          --pool N                pre-registered clients for token/read (1000)
          --scale-clients N       clients registered by the scale scenario (100000)
          --scale-interval N      report throughput every N registrations (10000)
          --scale-max-seconds S   stop the scale scenario after S seconds (600)
          --scale-warmup S        before it, S seconds of register-then-delete cycles (20): warm code, empty registry
          --scale-idle-seconds S  after the scale run, wait S seconds and measure RSS again (0)
        """;

    public required Uri A { get; init; }
    public Uri? B { get; init; }
    public int? APid { get; init; }
    public int? BPid { get; init; }
    public string AdminId { get; init; } = "registerClient";
    public string AdminSecret { get; init; } = "password";
    public IReadOnlyList<string> Scenarios { get; init; } = ["register", "token", "read", "mixed"];
    public int Connections { get; init; } = 32;
    public int WarmupSeconds { get; init; } = 3;
    public int DurationSeconds { get; init; } = 10;
    public int Rounds { get; init; } = 5;
    public int Pool { get; init; } = 1000;
    public int ScaleClients { get; init; } = 100_000;
    public int ScaleInterval { get; init; } = 10_000;
    public int ScaleMaxSeconds { get; init; } = 600;
    public int ScaleIdleSeconds { get; init; }
    public int ScaleWarmupSeconds { get; init; } = 20;

    public static Options Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
            {
                throw new ArgumentException($"unexpected argument '{args[i]}'");
            }

            values[args[i][2..]] = args[++i];
        }

        int Int(string name, int fallback) => values.TryGetValue(name, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
        int? Pid(string name) => values.TryGetValue(name, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : null;
        return new Options
        {
            A = new Uri((values.GetValueOrDefault("a") ?? throw new ArgumentException("--a is required")).TrimEnd('/')),
            B = values.TryGetValue("b", out var b) ? new Uri(b.TrimEnd('/')) : null,
            APid = Pid("a-pid"),
            BPid = Pid("b-pid"),
            AdminId = values.GetValueOrDefault("admin-id", "registerClient"),
            AdminSecret = values.GetValueOrDefault("admin-secret", "password"),
            Scenarios = values.TryGetValue("scenarios", out var s) ? s.Split(',', StringSplitOptions.RemoveEmptyEntries) : ["register", "token", "read", "mixed"],
            Connections = Int("connections", 32),
            WarmupSeconds = Int("warmup", 3),
            DurationSeconds = Int("duration", 10),
            Rounds = Int("rounds", 5),
            Pool = Int("pool", 1000),
            ScaleClients = Int("scale-clients", 100_000),
            ScaleInterval = Int("scale-interval", 10_000),
            ScaleMaxSeconds = Int("scale-max-seconds", 600),
            ScaleIdleSeconds = Int("scale-idle-seconds", 0),
            ScaleWarmupSeconds = Int("scale-warmup", 20),
        };
    }
}
