using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Concurrency;
using Orleans.TestingHost;
using Registry.Grains.Telemetry;
using Registry.Protocol.Metadata;
using Registry.Protocol.Security;

namespace Registry.Grains.Tests;

[Collection(ClusterCollectionDefinition.Name)]
public sealed class ClientGrainTests(ClusterFixture fixture)
{
    private static readonly ClientMetadata Metadata = new()
    {
        GrantTypes = [GrantTypes.ClientCredentials],
        RedirectUris = ["https://tmp.com"],
        Scope = "openid profile",
        TokenExpirationTimeSeconds = 600,
    };

    [Fact]
    public async Task Register_issues_credentials_once_and_stores_only_their_hashes()
    {
        var (grain, key) = NewClient("default");

        var result = await Register(grain, Metadata);

        Assert.Equal(ClientOperationStatus.Ok, result.Status);
        var client = result.Client!;
        Assert.Equal(ClientKey.Parse(key).ClientId, client.ClientId);
        Assert.Equal(43, client.ClientSecret!.Length);
        Assert.Equal(43, client.RegistrationAccessToken.Length);
        Assert.Equal(0, client.ClientSecretExpiresAt);
        Assert.Equal(client.CreatedAt.ToUnixTimeSeconds(), client.ClientIdIssuedAt);

        var stored = StoredJson(key);
        Assert.DoesNotContain(client.ClientSecret, stored, StringComparison.Ordinal);
        Assert.DoesNotContain(client.RegistrationAccessToken, stored, StringComparison.Ordinal);
        Assert.Contains(Convert.ToBase64String(Secrets.Hash(client.ClientSecret)), stored, StringComparison.Ordinal);
        Assert.Contains(Convert.ToBase64String(Secrets.Hash(client.RegistrationAccessToken)), stored, StringComparison.Ordinal);
        Assert.Contains("\"Version\":1", stored, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Repeating_a_register_call_is_a_replay_not_a_second_client()
    {
        var (grain, key) = NewClient("default");
        var (secret, token) = (Secrets.NewSecret(), Secrets.NewSecret());
        await grain.Register(new(Metadata), secret, token);
        var stored = StoredJson(key);

        var replay = await grain.Register(new(Metadata), secret, token);
        var other = await grain.Register(new(Metadata), Secrets.NewSecret(), token);

        Assert.Equal((ClientOperationStatus.Ok, secret, token), (replay.Status, replay.Client!.ClientSecret, replay.Client.RegistrationAccessToken));
        Assert.Equal(ClientOperationStatus.Conflict, other.Status);
        Assert.Equal(stored, StoredJson(key));
    }

    [Fact]
    public async Task Repeating_an_update_call_after_it_applied_succeeds_again()
    {
        var (grain, _) = NewClient("default");
        var created = (await Register(grain, Metadata)).Client!;
        var rotated = Secrets.NewSecret();

        var first = await grain.Update(created.RegistrationAccessToken, new(Metadata with { Scope = "openid" }), null, rotated);
        var replay = await grain.Update(created.RegistrationAccessToken, new(Metadata with { Scope = "openid" }), null, rotated);
        var stale = await grain.Update(created.RegistrationAccessToken, new(Metadata), null, Secrets.NewSecret());

        Assert.Equal(ClientOperationStatus.Ok, first.Status);
        Assert.Equal((ClientOperationStatus.Ok, rotated), (replay.Status, replay.Client!.RegistrationAccessToken));
        Assert.Equal(ClientOperationStatus.Unauthorized, stale.Status);
        Assert.Equal("openid", (await grain.Read(rotated)).Client!.Metadata.Scope);
    }

    [Fact]
    public async Task Read_needs_the_registration_access_token_and_never_returns_the_secret()
    {
        var (grain, _) = NewClient("default");
        var created = (await Register(grain, Metadata)).Client!;

        var read = await grain.Read(created.RegistrationAccessToken);

        Assert.Equal(ClientOperationStatus.Ok, read.Status);
        Assert.Null(read.Client!.ClientSecret);
        Assert.Equal(created.RegistrationAccessToken, read.Client.RegistrationAccessToken);
        Assert.Equal(("openid profile", 600, "https://tmp.com"), (read.Client.Metadata.Scope, read.Client.Metadata.TokenExpirationTimeSeconds, read.Client.Metadata.RedirectUris[0]));
        Assert.Equal(ClientOperationStatus.Unauthorized, (await grain.Read(created.ClientSecret!)).Status);
        Assert.Equal(ClientOperationStatus.Unauthorized, (await grain.Read("")).Status);
    }

    [Fact]
    public async Task Unknown_clients_are_unauthorized_for_everything()
    {
        var (grain, _) = NewClient("default");

        Assert.Equal(ClientOperationStatus.Unauthorized, (await grain.Read("x")).Status);
        Assert.Equal(ClientOperationStatus.Unauthorized, (await grain.Update("x", new(Metadata), null, Secrets.NewSecret())).Status);
        Assert.Equal(ClientOperationStatus.Unauthorized, (await grain.Delete("x")).Status);
        Assert.False((await grain.Authenticate("x")).Authenticated);
    }

    [Fact]
    public async Task A_taken_id_is_never_overwritten()
    {
        var (grain, key) = NewClient("default");
        var created = (await Register(grain, Metadata)).Client!;
        var before = StoredJson(key);

        var again = await Register(grain, Metadata with { Scope = "" });

        Assert.Equal(ClientOperationStatus.Conflict, again.Status);
        Assert.Equal(before, StoredJson(key));
        Assert.True((await grain.Authenticate(created.ClientSecret!)).Authenticated);
    }

    [Fact]
    public async Task Update_replaces_metadata_and_rotates_the_registration_access_token()
    {
        var (grain, key) = NewClient("default");
        var created = (await Register(grain, Metadata)).Client!;

        var updated = await grain.Update(created.RegistrationAccessToken, new(Metadata with { Scope = "openid" }), null, Secrets.NewSecret());

        Assert.Equal(ClientOperationStatus.Ok, updated.Status);
        Assert.NotEqual(created.RegistrationAccessToken, updated.Client!.RegistrationAccessToken);
        Assert.Equal("openid", updated.Client.Metadata.Scope);
        Assert.Equal(ClientOperationStatus.Unauthorized, (await grain.Read(created.RegistrationAccessToken)).Status);
        Assert.Equal(ClientOperationStatus.Ok, (await grain.Read(updated.Client.RegistrationAccessToken)).Status);
        Assert.Contains("\"Version\":2", StoredJson(key), StringComparison.Ordinal);
        Assert.Equal("openid", (await grain.Authenticate(created.ClientSecret!)).Scope);
    }

    [Fact]
    public async Task Update_accepts_only_the_current_secret_when_one_is_echoed()
    {
        var (grain, _) = NewClient("default");
        var created = (await Register(grain, Metadata)).Client!;

        var wrong = await grain.Update(created.RegistrationAccessToken, new(Metadata), "chosen-by-client", Secrets.NewSecret());
        var right = await grain.Update(created.RegistrationAccessToken, new(Metadata), created.ClientSecret, Secrets.NewSecret());

        Assert.Equal(ClientOperationStatus.SecretMismatch, wrong.Status);
        Assert.Equal(ClientOperationStatus.Ok, right.Status);
        Assert.True((await grain.Authenticate(created.ClientSecret!)).Authenticated);
    }

    [Fact]
    public async Task A_failed_storage_write_leaves_the_registration_as_it_was()
    {
        var (grain, key) = NewClient("default");
        var created = (await Register(grain, Metadata)).Client!;
        var before = StoredJson(key);

        using (fixture.Storage.FailWritesOf(GrainId.Create("client", key)))
        {
            await Assert.ThrowsAnyAsync<Exception>(() => grain.Update(created.RegistrationAccessToken, new(Metadata with { Scope = "" }), null, Secrets.NewSecret()));
        }

        var read = await grain.Read(created.RegistrationAccessToken);
        Assert.Equal(ClientOperationStatus.Ok, read.Status);
        Assert.Equal("openid profile", read.Client!.Metadata.Scope);
        Assert.Equal(before, StoredJson(key));
    }

    [Fact]
    public async Task Delete_leaves_a_tombstone_without_metadata_or_secret_and_every_credential_dies()
    {
        var (grain, key) = NewClient("default");
        var created = (await Register(grain, Metadata)).Client!;

        Assert.Equal(ClientOperationStatus.Unauthorized, (await grain.Delete("wrong")).Status);
        Assert.Equal(ClientOperationStatus.Ok, (await grain.Delete(created.RegistrationAccessToken)).Status);

        using var stored = JsonDocument.Parse(StoredJson(key)!);
        var root = stored.RootElement;
        Assert.Equal(JsonValueKind.String, root.GetProperty("DeletedAt").ValueKind);
        Assert.Equal(5, root.GetProperty("SchemaVersion").GetInt32());
        Assert.Equal("", root.GetProperty("SecretHash").GetString());
        Assert.Empty(root.GetProperty("Metadata").GetProperty("GrantTypes").EnumerateArray());
        Assert.Equal("", root.GetProperty("Metadata").GetProperty("Scope").GetString());
        Assert.Empty(root.GetProperty("Metadata").GetProperty("RedirectUris").EnumerateArray());
        Assert.Equal(Convert.ToBase64String(Secrets.Hash(created.RegistrationAccessToken)), root.GetProperty("RegistrationTokenHash").GetString());
        Assert.False((await grain.Authenticate(created.ClientSecret!)).Authenticated);
        Assert.Equal(ClientOperationStatus.Unauthorized, (await grain.Read(created.RegistrationAccessToken)).Status);
        Assert.Equal(ClientOperationStatus.Unauthorized, (await grain.Update(created.RegistrationAccessToken, new(Metadata), null, Secrets.NewSecret())).Status);
    }

    [Fact]
    public async Task A_repeated_delete_with_the_same_token_succeeds_and_the_client_is_counted_out_once()
    {
        var key = ClientKey.Of("counted", NewClientId());
        var grain = fixture.Grains.GetGrain<IClientGrain>(key);
        var tenant = fixture.Grains.GetGrain<ITenantGrain>("counted");
        Assert.Equal(AdmissionStatus.Granted, (await tenant.ReserveClient()).Status);
        var created = (await Register(grain, Metadata)).Client!;
        Assert.Equal(1, await tenant.AddClientCount(0));

        Assert.Equal(ClientOperationStatus.Ok, (await grain.Delete(created.RegistrationAccessToken)).Status);
        Assert.Equal(ClientOperationStatus.Ok, (await grain.Delete(created.RegistrationAccessToken)).Status);
        await fixture.DeactivateAllAsync();
        Assert.Equal(ClientOperationStatus.Ok, (await grain.Delete(created.RegistrationAccessToken)).Status);
        Assert.Equal(ClientOperationStatus.Unauthorized, (await grain.Delete(Secrets.NewSecret())).Status);
        Assert.Equal(ClientOperationStatus.Unauthorized, (await grain.Delete(created.ClientSecret!)).Status);

        Assert.Equal(0, await tenant.AddClientCount(0));
        Assert.Equal(ClientOperationStatus.Unauthorized, (await grain.Read(created.RegistrationAccessToken)).Status);
        Assert.False((await grain.Authenticate(created.ClientSecret!)).Authenticated);
    }

    [Fact]
    public async Task A_deleted_id_is_never_registered_again_not_even_by_a_replay_of_its_registration()
    {
        var (grain, key) = NewClient("default");
        var (secret, token) = (Secrets.NewSecret(), Secrets.NewSecret());
        await grain.Register(new(Metadata), secret, token);
        await grain.Delete(token);
        var tombstone = StoredJson(key);

        Assert.Equal(ClientOperationStatus.Conflict, (await grain.Register(new(Metadata), secret, token)).Status);
        Assert.Equal(ClientOperationStatus.Conflict, (await Register(grain, Metadata)).Status);
        Assert.Equal(tombstone, StoredJson(key));
    }

    [Fact]
    public async Task Authenticate_answers_what_the_client_may_be_issued()
    {
        var (grain, _) = NewClient("default");
        var created = (await Register(grain, Metadata)).Client!;

        var check = await grain.Authenticate(created.ClientSecret!);

        Assert.True(check.Authenticated);
        Assert.Equal(["client_credentials"], check.GrantTypes);
        Assert.Equal("openid profile", check.Scope);
        Assert.Equal(600, check.TokenLifetimeSeconds);
        Assert.False((await grain.Authenticate(created.RegistrationAccessToken)).Authenticated);
        Assert.False((await grain.Authenticate(created.ClientSecret! + "x")).Authenticated);
    }

    [Fact]
    public async Task Token_requests_write_last_used_at_most_once_per_interval()
    {
        var (grain, key) = NewClient("default");
        var created = (await Register(grain, Metadata)).Client!;
        await grain.Authenticate(created.ClientSecret!);
        var writes = fixture.Storage.WritesOf(GrainId.Create("client", key));

        for (var i = 0; i < 20; i++)
        {
            Assert.True((await grain.Authenticate(created.ClientSecret!)).Authenticated);
            await grain.Read(created.RegistrationAccessToken);
        }

        Assert.Contains("\"LastUsedAt\":\"", StoredJson(key), StringComparison.Ordinal);
        Assert.Equal(2, writes);
        Assert.Equal(writes, fixture.Storage.WritesOf(GrainId.Create("client", key)));
    }

    [Fact]
    public async Task State_comes_back_from_storage_after_deactivation()
    {
        var (grain, _) = NewClient("default");
        var created = (await Register(grain, Metadata)).Client!;

        await fixture.DeactivateAllAsync();

        var read = await grain.Read(created.RegistrationAccessToken);
        Assert.Equal(ClientOperationStatus.Ok, read.Status);
        Assert.Equal(created.CreatedAt, read.Client!.CreatedAt);
        Assert.True((await grain.Authenticate(created.ClientSecret!)).Authenticated);
    }

    [Fact]
    public async Task A_new_client_leaves_memory_after_registering_and_comes_back_from_storage()
    {
        var (grain, _) = NewClient("default");
        var created = (await Register(grain, Metadata)).Client!;
        var management = fixture.Grains.GetGrain<IManagementGrain>(0);

        await Eventually.UntilAsync(() => management.GetGrainActivationCount((GrainReference)grain), count => count == 0, TimeSpan.FromSeconds(5),
            "the new client's activation to leave memory");
        Assert.True((await grain.Authenticate(created.ClientSecret!)).Authenticated);
        Assert.Equal(1, await management.GetGrainActivationCount((GrainReference)grain));
    }

    [Fact]
    public async Task The_same_client_id_in_two_tenants_is_two_clients()
    {
        var clientId = NewClientId();
        var inDefault = fixture.Grains.GetGrain<IClientGrain>(ClientKey.Of("default", clientId));
        var inAcme = fixture.Grains.GetGrain<IClientGrain>(ClientKey.Of("acme", clientId));
        var created = (await Register(inDefault, Metadata)).Client!;

        Assert.Equal(ClientOperationStatus.Unauthorized, (await inAcme.Read(created.RegistrationAccessToken)).Status);
        Assert.False((await inAcme.Authenticate(created.ClientSecret!)).Authenticated);
    }

    private static Task<ClientOperationResult> Register(IClientGrain grain, ClientMetadata metadata) =>
        grain.Register(new(metadata), Secrets.NewSecret(), Secrets.NewSecret());

    private (IClientGrain Grain, string Key) NewClient(string tenant)
    {
        var key = ClientKey.Of(tenant, NewClientId());
        return (fixture.Grains.GetGrain<IClientGrain>(key), key);
    }

    /// <summary>Grains take any id; the MAC of an issued one is the gateway's check.</summary>
    private static string NewClientId() => Guid.NewGuid().ToString("N");


    private string? StoredJson(string key) =>
        fixture.Storage.Json("client", GrainId.Create("client", key));
}
