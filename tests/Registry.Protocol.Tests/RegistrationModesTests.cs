using Registry.Protocol.Metadata;
using Registry.Protocol.Tenancy;

namespace Registry.Protocol.Tests;

/// <summary>The wire names of registration modes and of the handling of disallowed values.</summary>
public sealed class RegistrationModesTests
{
    [Theory]
    [InlineData(RegistrationMode.AdminToken, "admin_token")]
    [InlineData(RegistrationMode.InitialAccessToken, "initial_access_token")]
    [InlineData(RegistrationMode.Open, "open")]
    [InlineData(RegistrationMode.SoftwareStatement, "software_statement")]
    public void Registration_modes_have_their_wire_names_both_ways(RegistrationMode mode, string wire)
    {
        Assert.Equal(wire, RegistrationModes.ToWire(mode));
        Assert.True(RegistrationModes.TryParse(wire, out var parsed));
        Assert.Equal(mode, parsed);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Open")]
    [InlineData("OPEN")]
    [InlineData(" open")]
    [InlineData("InitialAccessToken")]
    [InlineData("admin-token")]
    [InlineData("0")]
    public void Anything_else_is_not_a_registration_mode(string? value)
    {
        Assert.False(RegistrationModes.TryParse(value, out var mode));
        Assert.Equal(RegistrationMode.AdminToken, mode);
    }

    [Fact]
    public void Every_mode_is_listed_once_in_enum_order()
    {
        Assert.Equal(["admin_token", "initial_access_token", "open", "software_statement"], RegistrationModes.All);
        Assert.Equal(RegistrationModes.All, Enum.GetValues<RegistrationMode>().Select(RegistrationModes.ToWire));
        Assert.Throws<ArgumentOutOfRangeException>(() => RegistrationModes.ToWire((RegistrationMode)4));
    }

    [Theory]
    [InlineData(DisallowedHandling.Reject, "reject")]
    [InlineData(DisallowedHandling.Narrow, "narrow")]
    public void Disallowed_handlings_have_their_wire_names_both_ways(DisallowedHandling handling, string wire)
    {
        Assert.Equal(wire, DisallowedHandlings.ToWire(handling));
        Assert.True(DisallowedHandlings.TryParse(wire, out var parsed));
        Assert.Equal(handling, parsed);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Narrow")]
    [InlineData("narrowed")]
    [InlineData("1")]
    public void Anything_else_is_not_a_disallowed_handling(string? value)
    {
        Assert.False(DisallowedHandlings.TryParse(value, out var handling));
        Assert.Equal(DisallowedHandling.Reject, handling);
    }

    [Fact]
    public void Every_handling_is_listed_once_in_enum_order()
    {
        Assert.Equal(["reject", "narrow"], DisallowedHandlings.All);
        Assert.Equal(DisallowedHandlings.All, Enum.GetValues<DisallowedHandling>().Select(DisallowedHandlings.ToWire));
        Assert.Throws<ArgumentOutOfRangeException>(() => DisallowedHandlings.ToWire((DisallowedHandling)2));
    }
}
