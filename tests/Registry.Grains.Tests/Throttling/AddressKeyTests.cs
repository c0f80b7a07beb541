using System.Net;

namespace Registry.Grains.Tests.Throttling;

/// <summary>Which source addresses count as one: IPv4 as is, IPv4-mapped IPv6 as its IPv4, IPv6 by its /64 prefix.</summary>
public sealed class AddressKeyTests
{
    [Theory]
    [InlineData("203.0.113.7", "203.0.113.7")]
    [InlineData("0.0.0.0", "0.0.0.0")]
    [InlineData("::ffff:203.0.113.7", "203.0.113.7")]
    [InlineData("2001:db8:1:2:3:4:5:6", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:2:ffff:ffff:ffff:ffff", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:3::1", "2001:db8:1:3::/64")]
    [InlineData("::1", "::/64")]
    [InlineData("fe80::1%7", "fe80::/64")]
    public void An_address_counts_as_its_subject(string address, string subject)
    {
        Assert.Equal(subject, AddressKey.Subject(IPAddress.Parse(address)));
    }

    [Fact]
    public void No_address_counts_as_unknown()
    {
        Assert.Equal("unknown", AddressKey.Subject(null));
        Assert.Equal("acme/unknown", AddressKey.Of("acme", null));
    }

    [Theory]
    [InlineData("acme", "203.0.113.7", "acme/203.0.113.7")]
    [InlineData("acme-eu", "2001:db8::1", "acme-eu/2001:db8::/64")]
    public void A_key_is_the_tenant_and_the_subject_and_gives_the_tenant_back(string tenant, string address, string key)
    {
        Assert.Equal(key, AddressKey.Of(tenant, IPAddress.Parse(address)));
        Assert.Equal(tenant, AddressKey.Tenant(key));
    }
}
