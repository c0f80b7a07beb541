using System.Net;
using System.Net.Sockets;

namespace Registry.Grains.Abstractions;

/// <summary>
/// The key of an <see cref="IAddressGuardGrain"/>: "{tenant}/{address}", where an IPv6 address counts by its
/// /64 prefix (one subscriber's whole allocation) and an IPv4-mapped address as IPv4.
/// </summary>
public static class AddressKey
{
    public static string Of(string tenant, IPAddress? address) => string.Concat(tenant, "/", Subject(address));

    public static string Tenant(string key) => key[..key.IndexOf('/', StringComparison.Ordinal)];

    public static string Subject(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out _);
        bytes[8..].Clear();
        return new IPAddress(bytes).ToString() + "/64";
    }
}
