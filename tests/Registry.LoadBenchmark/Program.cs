using System.Globalization;
using Registry.LoadBenchmark;

Options options;
try
{
    options = Options.Parse(args);
}
catch (Exception exception) when (exception is ArgumentException or FormatException)
{
    Console.Error.WriteLine(exception.Message);
    Console.Error.WriteLine(Options.Usage);
    return 2;
}

var servers = new List<Server> { new("A", options.A, options.APid, options) };
if (options.B is not null)
{
    servers.Add(new Server("B", options.B, options.BPid, options));
}

Console.WriteLine($"# Registry load benchmark {DateTime.UtcNow:u}");
Console.WriteLine($"# {Environment.ProcessorCount} CPUs seen by the load generator; {options.Connections} connections; warm-up {options.WarmupSeconds} s, measured {options.DurationSeconds} s per run; {options.Rounds} rounds");
foreach (var server in servers)
{
    Console.WriteLine($"# {server.Name} = {server.Issuer}{(server.Pid is { } pid ? $" (pid {pid}, RSS {server.RssMiB():F0} MiB)" : "")}");
}

var measured = options.Scenarios.Where(s => s != "scale").ToList();
if (measured.Any(s => s is "token" or "read" or "mixed" or "introspect"))
{
    foreach (var server in servers)
    {
        await LoadRunner.FillPoolAsync(server, options.Pool, options.Connections);
        Console.WriteLine($"# {server.Name}: {server.Pool.Count} clients registered for the token/read pool");
        if (measured.Contains("introspect"))
        {
            await LoadRunner.FillPoolTokensAsync(server);
        }
    }
}

var results = new List<RunResult>();
if (measured.Count > 0)
{
    Console.WriteLine();
    Console.WriteLine("| round | scenario | server | req/s | p50 ms | p99 ms | errors | server CPU µs/req |");
    Console.WriteLine("|---:|---|---|---:|---:|---:|---:|---:|");
    for (var round = 1; round <= options.Rounds; round++)
    {
        // A B, then B A: alternating the order cancels most of the machine's drift between runs.
        var order = round % 2 == 1 ? servers : [.. Enumerable.Reverse(servers)];
        foreach (var scenario in measured)
        {
            foreach (var server in order)
            {
                var result = await LoadRunner.RunAsync(server, scenario, options, round);
                results.Add(result);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {round} | {scenario} | {server.Name} | {result.Throughput:F0} | {result.P50Ms:F2} | {result.P99Ms:F2} | {result.Errors} | {result.CpuMicrosPerRequest:F0} |"));
            }
        }
    }

    Summary.Print(results, servers);
}

if (options.Scenarios.Contains("scale"))
{
    foreach (var server in servers)
    {
        Console.WriteLine();
        Console.WriteLine($"## scale on {server.Name}: {options.ScaleClients} registrations, {options.Connections} connections, after {options.ScaleWarmupSeconds} s of register+delete warm-up");
        await LoadRunner.WarmUpRegistrationAsync(server, options);
        var before = server.RssMiB();
        var intervals = await LoadRunner.ScaleAsync(server, options);
        Console.WriteLine("| clients | req/s in interval | RSS MiB |");
        Console.WriteLine("|---:|---:|---:|");
        foreach (var (clients, throughput, rss) in intervals)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {clients} | {throughput:F0} | {rss:F0} |"));
        }

        Summary.PrintScale(server, intervals, before);
        if (options.ScaleIdleSeconds > 0)
        {
            await Task.Delay(TimeSpan.FromSeconds(options.ScaleIdleSeconds));
            var idle = server.RssMiB();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"RSS after {options.ScaleIdleSeconds} s idle: {idle:F0} MiB; growth per 1,000 idle clients: {(idle - before) * 1000 / (intervals.Count == 0 ? 1 : intervals[^1].Clients):F2} MiB"));
        }
    }
}

foreach (var server in servers)
{
    server.Dispose();
}

return results.Any(r => r.Errors > 0) ? 1 : 0;
