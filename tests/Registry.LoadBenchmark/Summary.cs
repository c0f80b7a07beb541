using System.Globalization;

namespace Registry.LoadBenchmark;

/// <summary>Medians per scenario and, with two servers, the A/B ratio of every round and its median.</summary>
internal static class Summary
{
    public static void Print(List<RunResult> results, List<Server> servers)
    {
        Console.WriteLine();
        Console.WriteLine(servers.Count == 2
            ? "| scenario | A req/s (median) | B req/s (median) | A/B per round | A/B median | A p50 / p99 ms | B p50 / p99 ms | A / B CPU µs/req |"
            : "| scenario | req/s (median) | p50 / p99 ms (median) | CPU µs/req |");
        Console.WriteLine(servers.Count == 2 ? "|---|---:|---:|---|---:|---:|---:|---:|" : "|---|---:|---:|---:|");
        foreach (var scenario in results.Select(r => r.Scenario).Distinct())
        {
            var a = results.Where(r => r.Scenario == scenario && r.Server == "A").OrderBy(r => r.Round).ToList();
            if (servers.Count == 1)
            {
                Console.WriteLine(Invariant($"| {scenario} | {Median(a.Select(r => r.Throughput)):F0} | {Median(a.Select(r => r.P50Ms)):F2} / {Median(a.Select(r => r.P99Ms)):F2} | {Cpu(a)} |"));
                continue;
            }

            var b = results.Where(r => r.Scenario == scenario && r.Server == "B").OrderBy(r => r.Round).ToList();
            var ratios = a.Zip(b, (x, y) => x.Throughput / y.Throughput).ToList();
            Console.WriteLine(Invariant(
                $"| {scenario} | {Median(a.Select(r => r.Throughput)):F0} | {Median(b.Select(r => r.Throughput)):F0} | {string.Join(" ", ratios.Select(r => r.ToString("F2", CultureInfo.InvariantCulture)))} | **{Median(ratios):F2}** | {Median(a.Select(r => r.P50Ms)):F2} / {Median(a.Select(r => r.P99Ms)):F2} | {Median(b.Select(r => r.P50Ms)):F2} / {Median(b.Select(r => r.P99Ms)):F2} | {Cpu(a)} / {Cpu(b)} |"));
        }
    }

    public static void PrintScale(Server server, IReadOnlyList<(int Clients, double Throughput, double? RssMiB)> intervals, double? rssBefore)
    {
        if (intervals.Count < 2)
        {
            return;
        }

        var first = intervals[0];
        var last = intervals[^1];
        Console.WriteLine(Invariant(
            $"{server.Name}: throughput at {last.Clients} clients is {last.Throughput / first.Throughput:P0} of the first interval ({first.Throughput:F0} -> {last.Throughput:F0} req/s); RSS {rssBefore:F0} -> {last.RssMiB:F0} MiB ({(last.RssMiB - rssBefore) * 1000 / last.Clients:F2} MiB per 1,000 clients while active)"));
    }

    private static string Cpu(List<RunResult> runs) =>
        runs.All(r => r.CpuMicrosPerRequest is not null) ? Median(runs.Select(r => r.CpuMicrosPerRequest!.Value)).ToString("F0", CultureInfo.InvariantCulture) : "-";

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? double.NaN : sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
