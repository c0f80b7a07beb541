using Registry.Protocol.Metadata;

namespace Registry.Protocol.Tests;

/// <summary>The wire names of a tenant's secret rotation (configuration, the admin API, stored tenants).</summary>
public sealed class SecretRotationsTests
{
    [Theory]
    [InlineData(SecretRotation.Never, "never")]
    [InlineData(SecretRotation.OnUpdate, "on_update")]
    [InlineData(SecretRotation.NearExpiry, "near_expiry")]
    public void Secret_rotations_have_their_wire_names_both_ways(SecretRotation rotation, string wire)
    {
        Assert.Equal(wire, SecretRotations.ToWire(rotation));
        Assert.True(SecretRotations.TryParse(wire, out var parsed));
        Assert.Equal(rotation, parsed);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Never")]
    [InlineData("on-update")]
    [InlineData("OnUpdate")]
    [InlineData(" near_expiry")]
    [InlineData("1")]
    public void Anything_else_is_not_a_secret_rotation(string? value)
    {
        Assert.False(SecretRotations.TryParse(value, out var rotation));
        Assert.Equal(SecretRotation.Never, rotation);
    }

    [Fact]
    public void Every_rotation_is_listed_once_in_enum_order()
    {
        Assert.Equal(["never", "on_update", "near_expiry"], SecretRotations.All);
        Assert.Equal(SecretRotations.All, Enum.GetValues<SecretRotation>().Select(SecretRotations.ToWire));
        Assert.Throws<ArgumentOutOfRangeException>(() => SecretRotations.ToWire((SecretRotation)3));
    }
}
