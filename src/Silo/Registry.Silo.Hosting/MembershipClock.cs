using System.Diagnostics;

namespace Registry.Silo.Hosting;

/// <summary>
/// The clock Orleans' membership and health monitoring measure elapsed time with (the keyed
/// <see cref="TimeProviderNames.Membership"/> service), with timestamps counted from its creation instead of
/// from machine boot. Orleans 10.4's watchdog starts its platform-check thread before it sets the timestamp
/// of its last participant check; when that thread runs first, it measures the time since timestamp zero,
/// which with the system clock is the machine's uptime, and a healthy silo logs "Participant check thread has
/// not completed for 00:18:54 ... lock contention or deadlock" right after starting (and records a false
/// stall in its health history). Counted from this clock's creation, which happens as the silo is built,
/// that reading is a few seconds, far below the watchdog's 20 s threshold. Only the origin differs: elapsed
/// times, the wall clock and timers are the system's, and every membership component shares this one
/// instance, since they pass timestamps to each other.
/// </summary>
internal sealed class MembershipClock : TimeProvider
{
    private readonly long _origin = Stopwatch.GetTimestamp();

    public override long GetTimestamp() => Stopwatch.GetTimestamp() - _origin;
}
