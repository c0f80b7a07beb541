using Registry.Grains.Abstractions;
using Registry.Protocol.Metadata;
using Registry.Protocol.Security;

namespace Registry.Grains.Tests;

/// <summary>
/// Gateways of the previous version keep working against upgraded silos during a rolling upgrade: the grain
/// methods they call (by their previous aliases) still answer as before.
/// </summary>
[Collection(ClusterCollectionDefinition.Name)]
public sealed class PreviousVersionCallTests(ClusterFixture fixture)
{
    [Theory]
    [InlineData("acme-admin", ClusterFixture.AcmeSecret, true)]
    [InlineData("acme-admin", "not-the-secret", false)]
    public async Task The_previous_admin_check_answers_a_bool(string clientId, string secret, bool expected)
    {
        Assert.Equal(expected, await fixture.Grains.GetGrain<ITenantGrain>("acme").AuthenticateAdminPreviousVersion(clientId, secret));
    }

    [Fact]
    public async Task The_previous_delete_answers_a_status_and_is_idempotent()
    {
        var grain = fixture.Grains.GetGrain<IClientGrain>(ClientKey.Of("default", Guid.NewGuid().ToString("N")));
        var (secret, token) = (Secrets.NewSecret(), Secrets.NewSecret());
        var metadata = new ClientMetadata { GrantTypes = [GrantTypes.ClientCredentials], Scope = "openid" };
        Assert.Equal(ClientOperationStatus.Ok, (await grain.Register(new(metadata), secret, token)).Status);

        Assert.Equal(ClientOperationStatus.Unauthorized, await grain.DeletePreviousVersion(Secrets.NewSecret()));
        Assert.Equal(ClientOperationStatus.Ok, await grain.DeletePreviousVersion(token));
        Assert.Equal(ClientOperationStatus.Ok, await grain.DeletePreviousVersion(token));
        Assert.False((await grain.Authenticate(secret)).Authenticated);
    }
}
