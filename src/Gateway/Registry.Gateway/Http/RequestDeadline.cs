using System.Diagnostics;

namespace Registry.Gateway.Http;

/// <summary>
/// The deadline of the HTTP request being served (a Stopwatch timestamp: its start + the retry budget), set once per
/// request by the gateway's pipeline and read by every grain call it makes (<see cref="RetryBudgetStrategy"/>), so
/// retries of all the calls of one request share one budget. Zero outside a request.
/// </summary>
internal static class RequestDeadline
{
    private static readonly AsyncLocal<long> Deadline = new();

    public static long Current => Deadline.Value;

    /// <summary>Starts the budget of the request now being served (the value flows to everything the request awaits).</summary>
    public static void Start(TimeSpan budget) => Deadline.Value = Stopwatch.GetTimestamp() + (long)(budget.TotalSeconds * Stopwatch.Frequency);
}
