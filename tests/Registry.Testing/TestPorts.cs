using System.Net;
using System.Net.Sockets;

namespace Registry.Testing;

/// <summary>
/// Ports for servers a test starts (silo ports, Redis, Azurite...), from 20000-31999: below Linux's ephemeral
/// range (32768+), where outgoing connections of the tests themselves take their local ports and could
/// grab a port between the moment it was found free and the moment the server binds it. A port is handed
/// out at most once per process, so test classes running in parallel never share one. Kestrel listeners
/// bind port 0 themselves instead (bind-and-keep: the kernel picks a port that is free at that instant).
/// </summary>
public static class TestPorts
{
    private const int First = 20_000;
    private const int Last = 31_999;

    private static readonly HashSet<int> HandedOut = [];

    /// <summary>A port nobody listens on and this process has not handed out before.</summary>
    public static int Next() => NextRange(1);

    /// <summary>The first of <paramref name="count"/> consecutive such ports.</summary>
    public static int NextRange(int count)
    {
        lock (HandedOut)
        {
            for (var attempt = 0; attempt < 1000; attempt++)
            {
                var start = Random.Shared.Next(First, Last - count + 2);
                var range = Enumerable.Range(start, count).ToArray();
                if (range.All(p => !HandedOut.Contains(p) && IsFree(p)))
                {
                    HandedOut.UnionWith(range);
                    return start;
                }
            }
        }

        throw new InvalidOperationException($"no {count} consecutive free ports between {First} and {Last}");
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
