using System.Net;
using System.Net.Sockets;

namespace Registry.Protocol.Metadata.Rules;

/// <summary>
/// Hosts that are not on the public internet, by name or address literal: <c>localhost</c> and
/// <c>*.localhost</c> (RFC 6761 §6.3); IPv4 0/8, 10/8, 100.64/10, 127/8, 169.254/16, 172.16/12, 192.168/16 and
/// 224/3 (multicast, reserved, broadcast) (RFC 6890); IPv6 ::/96 (unspecified, loopback, IPv4-compatible),
/// fe80::/9 (link-local and the old site-local), fc00::/7 (unique local), ff00::/8 (multicast), and the
/// IPv4-mapped forms of the IPv4 ranges. A host name a resolver would read as an IPv4 address
/// ("2130706433", "0x7f.1") counts as that address.
/// </summary>
internal static class LocalHosts
{
    public static bool IsLocal(Uri uri)
    {
        // A name IPAddress reads as an address (only digits, dots and hex forms do) is that address.
        var host = uri.IdnHost.TrimEnd('.');
        return host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
            || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase)
            || IPAddress.TryParse(host.Trim('[', ']'), out var address) && IsLocal(address);
    }

    public static bool IsLocal(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        var b = address.GetAddressBytes();
        return address.AddressFamily == AddressFamily.InterNetwork
            ? b[0] is 0 or 10 or 127 or >= 224
                || b[0] == 100 && (b[1] & 0xC0) == 64
                || b[0] == 169 && b[1] == 254
                || b[0] == 172 && (b[1] & 0xF0) == 16
                || b[0] == 192 && b[1] == 168
            : b.AsSpan(0, 12).IndexOfAnyExcept((byte)0) < 0
                || b[0] == 0xFE && b[1] >= 0x80
                || (b[0] & 0xFE) == 0xFC
                || b[0] == 0xFF;
    }
}
