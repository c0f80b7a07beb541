using System.Text.Json;
using Registry.Protocol.Metadata;
using Registry.Protocol.Security;

namespace Registry.Grains.Tests.Clients;

/// <summary>
/// The client grain's side of secret expiry and rotation: the expiry chosen at registration, an expired secret refused,
/// rotation by an RFC 7592 update (on every update or near expiry) and by an operator, with the previous secret kept,
/// as a hash, for the overlap and never past its own expiry.
/// </summary>
[Collection(ClusterCollectionDefinition.Name)]
public sealed class SecretLifecycleTests(ClusterFixture fixture)
{
    private static readonly ClientMetadata Metadata = new()
    {
        GrantTypes = [GrantTypes.ClientCredentials],
        Scope = "openid",
        ClientName = "Billing service",
    };

    private static readonly ClientMetadata PublicMetadata = new()
    {
        GrantTypes = [GrantTypes.AuthorizationCode],
        RedirectUris = ["https://app.example/cb"],
        TokenEndpointAuthMethod = AuthMethods.None,
    };

    private static long Now => DateTimeOffset.UtcNow.ToUnixTimeSeconds();

    [Fact]
    public async Task A_secret_registered_with_an_expiry_works_until_then_and_is_answered_with_it()
    {
        var (grain, key) = NewClient();
        var (secret, token, expiresAt) = (Secrets.NewSecret(), Secrets.NewSecret(), Now + 3600);

        var registered = await grain.Register(new(Metadata), secret, token, 1, expiresAt);

        Assert.Equal((ClientOperationStatus.Ok, expiresAt), (registered.Status, registered.Client!.ClientSecretExpiresAt));
        Assert.True((await grain.Authenticate(secret)).Authenticated);
        Assert.Equal(expiresAt, (await grain.Describe())!.SecretExpiresAt);
        Assert.Equal(expiresAt, Stored(key).GetProperty("SecretExpiresAt").GetInt64());

        // A replay of the registration (a lost answer) answers the same expiry.
        Assert.Equal(expiresAt, (await grain.Register(new(Metadata), secret, token, 1, expiresAt)).Client!.ClientSecretExpiresAt);
    }

    [Fact]
    public async Task An_expired_secret_is_refused_like_a_wrong_one_without_counting_toward_the_back_off()
    {
        var (grain, _) = NewClient();
        var secret = Secrets.NewSecret();
        await grain.Register(new(Metadata), secret, Secrets.NewSecret(), 1, Now - 1);

        for (var i = 0; i < 10; i++)
        {
            var check = await grain.Authenticate(secret);
            Assert.Equal((false, null), (check.Authenticated, check.Limited));
        }
    }

    [Fact]
    public async Task A_public_client_stores_no_expiry()
    {
        var (grain, key) = NewClient();

        var registered = await grain.Register(new(PublicMetadata), "", Secrets.NewSecret(), 1, Now + 3600);

        Assert.Equal(0, registered.Client!.ClientSecretExpiresAt);
        Assert.True((await grain.Authenticate("")).Authenticated);
        Assert.Equal(0, Stored(key).GetProperty("SecretExpiresAt").GetInt64());
        Assert.Equal(SecretRotationStatus.PublicClient, (await grain.RotateSecret(new(Secrets.NewSecret(), 3600, 60))).Status);
    }

    [Fact]
    public async Task An_update_rotating_on_every_update_answers_a_new_secret_and_keeps_the_old_one_for_the_overlap()
    {
        var (grain, key) = NewClient();
        var (secret, token) = (Secrets.NewSecret(), Secrets.NewSecret());
        await grain.Register(new(Metadata), secret, token, 1, Now + 7200);
        var (newToken, rotation) = (Secrets.NewSecret(), new SecretRotationRequest(Secrets.NewSecret(), 3600, 600));

        var updated = await grain.Update(token, new(Metadata with { ClientName = "renamed" }), null, newToken, rotation);

        Assert.Equal((ClientOperationStatus.Ok, rotation.NewSecret), (updated.Status, updated.Client!.ClientSecret));
        Assert.InRange(updated.Client.ClientSecretExpiresAt, Now + 3590, Now + 3600);
        Assert.True((await grain.Authenticate(rotation.NewSecret)).Authenticated);
        Assert.True((await grain.Authenticate(secret)).Authenticated);

        // Only hashes are stored: the old secret's, until the overlap ends (now + 600, before its own expiry).
        var stored = Stored(key);
        Assert.Equal(Convert.ToBase64String(Secrets.Hash(secret)), stored.GetProperty("PreviousSecretHash").GetString());
        Assert.Equal(Convert.ToBase64String(Secrets.Hash(rotation.NewSecret)), stored.GetProperty("SecretHash").GetString());
        Assert.InRange(stored.GetProperty("PreviousSecretExpiresAt").GetDateTimeOffset().ToUnixTimeSeconds(), Now + 590, Now + 600);
        Assert.DoesNotContain(secret, StoredJson(key), StringComparison.Ordinal);
        Assert.DoesNotContain(rotation.NewSecret, StoredJson(key), StringComparison.Ordinal);

        // A retry of the update (its answer lost) answers the same new secret, and rotates nothing again.
        var retried = await grain.Update(token, new(Metadata with { ClientName = "renamed" }), null, newToken, rotation with { NewSecret = Secrets.NewSecret() });
        Assert.Equal((ClientOperationStatus.Ok, null), (retried.Status, retried.Client!.ClientSecret));
        var repeated = await grain.Update(token, new(Metadata with { ClientName = "renamed" }), null, newToken, rotation);
        Assert.Equal(rotation.NewSecret, repeated.Client!.ClientSecret);
        Assert.True((await grain.Authenticate(rotation.NewSecret)).Authenticated);
    }

    [Fact]
    public async Task The_previous_secret_never_outlives_its_own_expiry_and_without_overlap_dies_at_once()
    {
        var (grain, key) = NewClient();
        var (secret, token, expiresAt) = (Secrets.NewSecret(), Secrets.NewSecret(), Now + 100);
        await grain.Register(new(Metadata), secret, token, 1, expiresAt);

        var rotated = await grain.RotateSecret(new(Secrets.NewSecret(), 3600, 3000));

        Assert.Equal(SecretRotationStatus.Rotated, rotated.Status);
        Assert.Equal(expiresAt, rotated.PreviousSecretExpiresAt?.ToUnixTimeSeconds());
        Assert.True((await grain.Authenticate(secret)).Authenticated);

        var again = new SecretRotationRequest(Secrets.NewSecret(), 0, 0);
        var noOverlap = await grain.RotateSecret(again);

        Assert.Equal((SecretRotationStatus.Rotated, 0L, null), (noOverlap.Status, noOverlap.SecretExpiresAt, noOverlap.PreviousSecretExpiresAt));
        Assert.False((await grain.Authenticate(secret)).Authenticated);
        Assert.True((await grain.Authenticate(again.NewSecret)).Authenticated);
        Assert.False(Stored(key).TryGetProperty("PreviousSecretHash", out _));

        // A retry of an operator's rotation answers the same and rotates nothing again.
        var version = Stored(key).GetProperty("Version").GetInt32();
        Assert.Equal(noOverlap, await grain.RotateSecret(again));
        Assert.Equal(version, Stored(key).GetProperty("Version").GetInt32());
    }

    [Fact]
    public async Task Near_expiry_an_update_rotates_only_in_the_last_quarter_of_the_lifetime()
    {
        var (grain, _) = NewClient();
        var token = Secrets.NewSecret();
        var secret = Secrets.NewSecret();
        await grain.Register(new(Metadata), secret, token, 1, Now + 3000);
        var nearExpiry = new SecretRotationRequest(Secrets.NewSecret(), 4000, 60) { OnlyNearExpiry = true };

        // 3000 s left of 4000: not yet.
        var early = Secrets.NewSecret();
        var notYet = await grain.Update(token, new(Metadata), null, early, nearExpiry);
        Assert.Equal((ClientOperationStatus.Ok, null), (notYet.Status, notYet.Client!.ClientSecret));
        Assert.True((await grain.Authenticate(secret)).Authenticated);

        // Under the same policy with a lifetime of 12 000 s, 3000 s left is the last quarter: rotated.
        var due = await grain.Update(early, new(Metadata), null, Secrets.NewSecret(), nearExpiry with { LifetimeSeconds = 12_000 });
        Assert.Equal(nearExpiry.NewSecret, due.Client!.ClientSecret);
        Assert.InRange(due.Client.ClientSecretExpiresAt, Now + 11_990, Now + 12_000);
    }

    [Fact]
    public async Task A_secret_without_an_expiry_is_rotated_near_expiry_and_never_without_a_rotation()
    {
        var (grain, _) = NewClient();
        var (secret, token) = (Secrets.NewSecret(), Secrets.NewSecret());
        await grain.Register(new(Metadata), secret, token, 1);

        var next = Secrets.NewSecret();
        var unrotated = await grain.Update(token, new(Metadata), null, next, null);
        Assert.Null(unrotated.Client!.ClientSecret);
        Assert.Equal(0, unrotated.Client.ClientSecretExpiresAt);

        var rotation = new SecretRotationRequest(Secrets.NewSecret(), 3600, 60) { OnlyNearExpiry = true };
        var rotated = await grain.Update(next, new(Metadata), null, Secrets.NewSecret(), rotation);
        Assert.Equal(rotation.NewSecret, rotated.Client!.ClientSecret);
    }

    [Fact]
    public async Task An_unknown_or_deleted_client_has_no_secret_to_rotate()
    {
        var (grain, _) = NewClient();
        Assert.Equal(SecretRotationResult.NotFound, await grain.RotateSecret(new(Secrets.NewSecret(), 0, 0)));

        await grain.Register(new(Metadata), Secrets.NewSecret(), Secrets.NewSecret(), 1);
        Assert.Equal(ClientAdminStatus.Ok, await grain.AdminDelete());
        Assert.Equal(SecretRotationResult.NotFound, await grain.RotateSecret(new(Secrets.NewSecret(), 0, 0)));
    }

    private (IClientGrain Grain, string Key) NewClient()
    {
        var key = ClientKey.Of("secrets" + Guid.NewGuid().ToString("N")[..12], Guid.NewGuid().ToString("N"));
        return (fixture.Grains.GetGrain<IClientGrain>(key), key);
    }

    private string StoredJson(string key) => fixture.Storage.Json("client", GrainId.Create("client", key))!;

    private JsonElement Stored(string key)
    {
        using var document = JsonDocument.Parse(StoredJson(key));
        return document.RootElement.Clone();
    }
}
