using Registry.Protocol.Tenancy;

namespace Registry.Protocol.Tests;

/// <summary>Tenant names are DNS labels: safe in URL paths, grain keys and storage keys.</summary>
public sealed class TenantNamesTests
{
    [Theory]
    [InlineData("default")]
    [InlineData("a")]
    [InlineData("acme")]
    [InlineData("acme-eu-1")]
    [InlineData("0")]
    [InlineData("z9")]
    public void Dns_labels_are_valid(string name)
    {
        Assert.True(TenantNames.IsValid(name), name);
    }

    [Theory]
    [InlineData("")]
    [InlineData("-acme")]
    [InlineData("acme-")]
    [InlineData("-")]
    [InlineData("Acme")]
    [InlineData("ACME")]
    [InlineData("acme_eu")]
    [InlineData("acme.eu")]
    [InlineData("acme/eu")]
    [InlineData("acme eu")]
    [InlineData("ä")]
    public void Anything_else_is_not(string name)
    {
        Assert.False(TenantNames.IsValid(name), name);
    }

    [Fact]
    public void The_longest_valid_name_has_63_characters()
    {
        Assert.True(TenantNames.IsValid(new string('a', 63)));
        Assert.False(TenantNames.IsValid(new string('a', 64)));
    }
}
