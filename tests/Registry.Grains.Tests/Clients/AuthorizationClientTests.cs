using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using Registry.Protocol.Metadata;
using Registry.Protocol.Security;

namespace Registry.Grains.Tests.Clients;

/// <summary>The client grain's side of the authorization code flow: public clients, "authorized" marks, removal of unused open clients.</summary>
[Collection(ClusterCollectionDefinition.Name)]
public sealed class AuthorizationClientTests(ClusterFixture fixture)
{
    private static readonly ClientMetadata PublicClient = new()
    {
        GrantTypes = [GrantTypes.AuthorizationCode, GrantTypes.RefreshToken],
        ResponseTypes = ["code"],
        RedirectUris = ["http://127.0.0.1:7777/cb"],
        TokenEndpointAuthMethod = AuthMethods.None,
        Scope = "openid",
    };

    private static readonly ClientMetadata ConfidentialClient = PublicClient with
    {
        TokenEndpointAuthMethod = "client_secret_post",
        RedirectUris = ["https://app.example/cb"],
    };

    [Fact]
    public async Task A_public_client_is_registered_without_a_secret_and_authenticates_with_the_empty_one_only()
    {
        var (grain, key) = NewClient("default");
        var token = Secrets.NewSecret();

        var registered = await grain.Register(new(PublicClient), "", token);

        Assert.Equal(ClientOperationStatus.Ok, registered.Status);
        Assert.Null(registered.Client!.ClientSecret);
        using (var stored = JsonDocument.Parse(fixture.Storage.Json("client", GrainId.Create("client", key))!))
        {
            Assert.Equal("", stored.RootElement.GetProperty("SecretHash").GetString());
        }

        var replay = await grain.Register(new(PublicClient), "", token);
        Assert.Equal((ClientOperationStatus.Ok, null), (replay.Status, replay.Client!.ClientSecret));
        Assert.Equal(ClientOperationStatus.Conflict, (await grain.Register(new(PublicClient), Secrets.NewSecret(), token)).Status);

        var check = await grain.Authenticate("");
        Assert.True(check.Authenticated);
        Assert.Equal((AuthMethods.None, "openid"), (check.AuthMethod, check.Scope));
        Assert.Equal(AuthMethods.None, (await grain.Authenticate("")).AuthMethod);
        Assert.False((await grain.Authenticate("some-secret")).Authenticated);
    }

    [Fact]
    public async Task A_confidential_client_never_authenticates_with_an_empty_secret_and_answers_its_method()
    {
        var (grain, _) = NewClient("default");
        var secret = Secrets.NewSecret();
        Assert.Equal(ClientOperationStatus.Ok, (await grain.Register(new(ConfidentialClient), secret, Secrets.NewSecret())).Status);

        Assert.False((await grain.Authenticate("")).Authenticated);
        var check = await grain.Authenticate(secret);

        Assert.True(check.Authenticated);
        Assert.Equal("client_secret_post", check.AuthMethod);

        // Registered (by mistake) with an empty secret, a confidential client still never authenticates with it.
        var (withoutSecret, _) = NewClient("default");
        Assert.Equal(ClientOperationStatus.Ok, (await withoutSecret.Register(new(ConfidentialClient), "", Secrets.NewSecret())).Status);
        Assert.False((await withoutSecret.Authenticate("")).Authenticated);
    }

    [Fact]
    public async Task Mark_authorized_is_written_once()
    {
        var (grain, key) = NewClient("default");
        await grain.Register(new(PublicClient), "", Secrets.NewSecret());
        var id = GrainId.Create("client", key);
        var writes = fixture.Storage.WritesOf(id);

        await grain.MarkAuthorized();
        var marked = fixture.Storage.Json("client", id)!;
        await grain.MarkAuthorized();

        Assert.Equal(writes + 1, fixture.Storage.WritesOf(id));
        Assert.Equal(marked, fixture.Storage.Json("client", id));
        using var stored = JsonDocument.Parse(marked);
        Assert.Equal(JsonValueKind.String, stored.RootElement.GetProperty("AuthorizedAt").ValueKind);
        Assert.Equal((5, 1), (stored.RootElement.GetProperty("SchemaVersion").GetInt32(), stored.RootElement.GetProperty("Version").GetInt32()));
        Assert.False(stored.RootElement.TryGetProperty("RemoveIfUnusedAt", out _));
    }

    [Fact]
    public async Task An_unused_open_client_is_removed_by_its_reminder_like_an_admin_delete()
    {
        const string tenant = "counted";
        var (grain, key) = NewClient(tenant);
        var tenantGrain = fixture.Grains.GetGrain<ITenantGrain>(tenant);
        var before = await tenantGrain.AddClientCount(0);
        var sequence = 200_000 + Random.Shared.NextInt64(1_000_000_000);
        Assert.True((await tenantGrain.ReserveClient()).IsGranted);
        var token = Secrets.NewSecret();
        await grain.Register(new(PublicClient), "", token, sequence);
        Assert.Equal(before + 1, await tenantGrain.AddClientCount(0));

        await grain.RemoveIfUnused(TimeSpan.FromSeconds(1));
        using (var stored = JsonDocument.Parse(fixture.Storage.Json("client", GrainId.Create("client", key))!))
        {
            Assert.Equal(JsonValueKind.String, stored.RootElement.GetProperty("RemoveIfUnusedAt").ValueKind);
        }

        Assert.True(await Eventually(async () => await grain.Describe() is null));
        Assert.Equal(before, await tenantGrain.AddClientCount(0));
        Assert.DoesNotContain(await PageOf(tenant, sequence), e => e.Sequence == sequence);
        Assert.False((await grain.Authenticate("")).Authenticated);
        Assert.Equal(ClientOperationStatus.Ok, (await grain.Delete(token)).Status);
        using (var stored = JsonDocument.Parse(fixture.Storage.Json("client", GrainId.Create("client", key))!))
        {
            Assert.Equal(JsonValueKind.String, stored.RootElement.GetProperty("DeletedAt").ValueKind);
        }

        Assert.True(await Eventually(async () => await ReminderOf(key) is null));
    }

    [Fact]
    public async Task A_client_that_completed_an_authorization_in_time_is_kept_and_its_reminder_goes()
    {
        var (grain, key) = NewClient("default");
        await grain.Register(new(PublicClient), "", Secrets.NewSecret());
        await grain.RemoveIfUnused(TimeSpan.FromSeconds(1));
        Assert.NotNull(await ReminderOf(key));

        await grain.MarkAuthorized();

        Assert.True(await Eventually(async () => await ReminderOf(key) is null));
        Assert.NotNull(await grain.Describe());
        Assert.True((await grain.Authenticate("")).Authenticated);
    }

    [Fact]
    public async Task Asking_again_for_the_removal_keeps_the_time_first_set_and_an_authorized_client_is_not_scheduled()
    {
        var (grain, key) = NewClient("default");
        await grain.Register(new(PublicClient), "", Secrets.NewSecret());
        var id = GrainId.Create("client", key);

        await grain.RemoveIfUnused(TimeSpan.FromHours(1));
        var first = fixture.Storage.Json("client", id);
        await grain.RemoveIfUnused(TimeSpan.FromHours(2));

        Assert.Equal(first, fixture.Storage.Json("client", id));
        Assert.NotNull(await ReminderOf(key));

        var (authorized, authorizedKey) = NewClient("default");
        await authorized.Register(new(PublicClient), "", Secrets.NewSecret());
        await authorized.MarkAuthorized();
        await authorized.RemoveIfUnused(TimeSpan.FromSeconds(1));
        Assert.Null(await ReminderOf(authorizedKey));
        Assert.DoesNotContain("RemoveIfUnusedAt", fixture.Storage.Json("client", GrainId.Create("client", authorizedKey)), StringComparison.Ordinal);
    }

    private async Task<ReminderEntry?> ReminderOf(string key)
    {
        var table = ((InProcessSiloHandle)fixture.Cluster.Primary!).SiloHost.Services.GetRequiredService<IReminderTable>();
        var rows = await table.ReadRows(GrainId.Create("client", key));
        return rows.Reminders.FirstOrDefault(r => r.ReminderName == "remove-if-unused");
    }

    /// <summary>Polls <paramref name="condition"/> for up to 15 s (a reminder fires within seconds of its due time).</summary>
    private static async Task<bool> Eventually(Func<Task<bool>> condition)
    {
        for (var deadline = DateTime.UtcNow.AddSeconds(15); DateTime.UtcNow < deadline; await Task.Delay(100))
        {
            if (await condition())
            {
                return true;
            }
        }

        return false;
    }

    private async Task<ClientIndexEntry[]> PageOf(string tenant, long sequence) =>
        await fixture.Grains.GetGrain<IClientIndexGrain>(ClientIndexKey.ForSequence(tenant, sequence)).List(long.MaxValue, ClientIndexKey.PageSize, null, null);

    private (IClientGrain Grain, string Key) NewClient(string tenant)
    {
        var key = ClientKey.Of(tenant, Guid.NewGuid().ToString("N"));
        return (fixture.Grains.GetGrain<IClientGrain>(key), key);
    }
}
