using System.Text.Json;

namespace Registry.Grains.Tests.Consents;

[Collection(ClusterCollectionDefinition.Name)]
public sealed class ConsentGrainTests(ClusterFixture fixture)
{
    private const string Resource = "https://api.example/orders";

    [Fact]
    public async Task An_approval_is_found_for_its_client_only_and_survives_a_new_activation()
    {
        var (consent, id, subject) = NewUser();

        await consent.Grant(subject, "client-a", ["openid", "orders.read"], [Resource]);
        await fixture.DeactivateAllAsync();

        var found = (await consent.Find("client-a"))!;
        Assert.Equal((subject, "client-a"), (found.Subject, found.ClientId));
        Assert.Equal(["openid", "orders.read"], found.Scopes);
        Assert.Equal([Resource], found.Resources);
        Assert.Equal(found.GrantedAt, found.UpdatedAt);
        Assert.True(found.Covers(["orders.read"], [Resource]));
        Assert.False(found.Covers(["orders.write"], []));
        Assert.Null(await consent.Find("client-b"));
        Assert.Single(await consent.List());
        using var stored = JsonDocument.Parse(fixture.Storage.Json("consent", id)!);
        Assert.Equal((1, subject), (stored.RootElement.GetProperty("SchemaVersion").GetInt32(), stored.RootElement.GetProperty("Subject").GetString()));
    }

    [Fact]
    public async Task A_second_grant_widens_the_approval_and_the_same_grant_writes_nothing()
    {
        var (consent, id, subject) = NewUser();
        await consent.Grant(subject, "client-a", ["openid"], [Resource]);
        var first = (await consent.Find("client-a"))!;
        await Task.Delay(20);

        await consent.Grant(subject, "client-a", ["email", "openid"], ["https://api.example/billing"]);
        var writes = fixture.Storage.WritesOf(id);
        await consent.Grant(subject, "client-a", ["email"], [Resource]);

        var widened = (await consent.Find("client-a"))!;
        Assert.Equal(["openid", "email"], widened.Scopes);
        Assert.Equal([Resource, "https://api.example/billing"], widened.Resources);
        Assert.Equal(first.GrantedAt, widened.GrantedAt);
        Assert.True(widened.UpdatedAt > first.UpdatedAt);
        Assert.Equal(writes, fixture.Storage.WritesOf(id));
    }

    [Fact]
    public async Task Revoking_withdraws_one_approval_and_the_last_one_deletes_the_row()
    {
        var (consent, id, subject) = NewUser();
        await consent.Grant(subject, "client-a", ["openid"], []);
        await consent.Grant(subject, "client-b", ["openid"], []);

        Assert.True(await consent.Revoke("client-a"));
        Assert.False(await consent.Revoke("client-a"));

        Assert.Null(await consent.Find("client-a"));
        Assert.Equal("client-b", Assert.Single(await consent.List()).ClientId);
        await fixture.DeactivateAllAsync();
        Assert.Null(await consent.Find("client-a"));
        Assert.True(await consent.Revoke("client-b"));
        Assert.Null(fixture.Storage.Json("consent", id));
        Assert.Empty(await consent.List());
    }

    [Fact]
    public async Task Beyond_the_bound_the_approval_updated_least_recently_is_dropped()
    {
        var (consent, _, subject) = NewUser();
        for (var i = 0; i < IConsentGrain.MaxClients; i++)
        {
            await consent.Grant(subject, "client-" + i, ["openid"], []);
        }

        // client-0 is the oldest, but widened now: client-1 is updated least recently.
        await consent.Grant(subject, "client-0", ["email"], []);
        await consent.Grant(subject, "client-new", ["openid"], []);

        var listed = await consent.List();
        Assert.Equal(IConsentGrain.MaxClients, listed.Length);
        Assert.Null(await consent.Find("client-1"));
        Assert.NotNull(await consent.Find("client-0"));
        Assert.NotNull(await consent.Find("client-new"));
    }

    private (IConsentGrain Grain, GrainId Id, string Subject) NewUser()
    {
        var subject = "user " + Guid.NewGuid().ToString("N");
        var key = AuthorizationKeys.Consent("default", subject);
        return (fixture.Grains.GetGrain<IConsentGrain>(key), GrainId.Create(RegistryGrainTypes.Consent, key), subject);
    }
}
