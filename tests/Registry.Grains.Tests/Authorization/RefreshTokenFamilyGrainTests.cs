using System.Text.Json;
using Registry.Protocol.Security;

namespace Registry.Grains.Tests.Authorization;

[Collection(ClusterCollectionDefinition.Name)]
public sealed class RefreshTokenFamilyGrainTests(ClusterFixture fixture)
{
    private const string ClientId = AuthorizationCodeGrainTests.ClientId;

    private static readonly AuthorizationGrant Grant = AuthorizationCodeGrainTests.Grant();

    private static DateTimeOffset InAnHour => DateTimeOffset.UtcNow.AddHours(1);

    [Fact]
    public async Task The_current_token_rotates_and_each_answer_carries_the_grant_and_the_expiry()
    {
        var (family, _) = NewFamily();
        var (t1, t2, t3) = (Secrets.NewSecret(), Secrets.NewSecret(), Secrets.NewSecret());
        var expiresAt = InAnHour;
        Assert.True(await family.Start(Grant, t1, expiresAt));

        var first = await family.Rotate(ClientId, t1, t2);
        var second = await family.Rotate(ClientId, t2, t3);

        Assert.Equal((RefreshRotationStatus.Rotated, expiresAt), (first.Status, first.ExpiresAt));
        AuthorizationCodeGrainTests.AssertSameGrant(Grant, first.Grant!);
        Assert.Equal((RefreshRotationStatus.Rotated, expiresAt), (second.Status, second.ExpiresAt));
    }

    [Fact]
    public async Task Peek_answers_the_grant_for_the_current_token_only_and_changes_nothing()
    {
        var (family, id) = NewFamily();
        var (t1, t2) = (Secrets.NewSecret(), Secrets.NewSecret());
        Assert.True(await family.Start(Grant, t1, InAnHour));
        var writes = fixture.Storage.WritesOf(id);

        var current = await family.Peek(ClientId, t1);
        var otherClient = await family.Peek("someone-else", t1);
        var unknown = await family.Peek(ClientId, t2);

        AuthorizationCodeGrainTests.AssertSameGrant(Grant, current!);
        Assert.Null(otherClient);
        Assert.Null(unknown);
        Assert.Equal(writes, fixture.Storage.WritesOf(id));

        // Peeking at a token that is not current is no replay: the family still rotates.
        Assert.Equal(RefreshRotationStatus.Rotated, (await family.Rotate(ClientId, t1, t2)).Status);
        Assert.Null(await family.Peek(ClientId, t1));
        await family.Revoke();
        Assert.Null(await family.Peek(ClientId, t2));
    }

    [Fact]
    public async Task A_rotation_repeated_after_a_lost_answer_succeeds_again_without_a_write()
    {
        var (family, id) = NewFamily();
        var (t1, t2) = (Secrets.NewSecret(), Secrets.NewSecret());
        Assert.True(await family.Start(Grant, t1, InAnHour));
        Assert.Equal(RefreshRotationStatus.Rotated, (await family.Rotate(ClientId, t1, t2)).Status);
        var writes = fixture.Storage.WritesOf(id);

        var retry = await family.Rotate(ClientId, t1, t2);

        Assert.Equal(RefreshRotationStatus.Rotated, retry.Status);
        Assert.Equal(writes, fixture.Storage.WritesOf(id));
        Assert.Equal(RefreshRotationStatus.Rotated, (await family.Rotate(ClientId, t2, Secrets.NewSecret())).Status);
    }

    [Fact]
    public async Task A_replayed_token_revokes_the_family_for_good()
    {
        var (family, id) = NewFamily();
        var (t1, t2) = (Secrets.NewSecret(), Secrets.NewSecret());
        Assert.True(await family.Start(Grant, t1, InAnHour));
        Assert.Equal(RefreshRotationStatus.Rotated, (await family.Rotate(ClientId, t1, t2)).Status);

        Assert.Equal(RefreshRotation.Replayed, await family.Rotate(ClientId, t1, Secrets.NewSecret()));

        Assert.Equal(RefreshRotation.Invalid, await family.Rotate(ClientId, t2, Secrets.NewSecret()));
        using (var stored = JsonDocument.Parse(fixture.Storage.Json("refresh-family", id)!))
        {
            Assert.Equal(JsonValueKind.String, stored.RootElement.GetProperty("RevokedAt").ValueKind);
        }

        await fixture.DeactivateAllAsync();
        Assert.Equal(RefreshRotation.Invalid, await family.Rotate(ClientId, t2, Secrets.NewSecret()));
    }

    [Fact]
    public async Task An_unknown_token_of_the_family_counts_as_a_replay()
    {
        var (family, _) = NewFamily();
        var t1 = Secrets.NewSecret();
        Assert.True(await family.Start(Grant, t1, InAnHour));

        Assert.Equal(RefreshRotation.Replayed, await family.Rotate(ClientId, Secrets.NewSecret(), Secrets.NewSecret()));
        Assert.Equal(RefreshRotation.Invalid, await family.Rotate(ClientId, t1, Secrets.NewSecret()));
    }

    [Fact]
    public async Task Another_client_is_refused_and_cannot_revoke_the_family()
    {
        var (family, _) = NewFamily();
        var t1 = Secrets.NewSecret();
        Assert.True(await family.Start(Grant, t1, InAnHour));

        Assert.Equal(RefreshRotation.Invalid, await family.Rotate("another-client", t1, Secrets.NewSecret()));
        Assert.Equal(RefreshRotation.Invalid, await family.Rotate("another-client", Secrets.NewSecret(), Secrets.NewSecret()));

        Assert.Equal(RefreshRotationStatus.Rotated, (await family.Rotate(ClientId, t1, Secrets.NewSecret())).Status);
    }

    [Fact]
    public async Task An_expired_family_is_refused_and_its_row_deleted()
    {
        var (family, id) = NewFamily();
        var t1 = Secrets.NewSecret();
        Assert.True(await family.Start(Grant, t1, DateTimeOffset.UtcNow.AddMilliseconds(800)));
        Assert.NotNull(fixture.Storage.Json("refresh-family", id));

        await Task.Delay(TimeSpan.FromSeconds(1.2));

        Assert.Equal(RefreshRotation.Invalid, await family.Rotate(ClientId, t1, Secrets.NewSecret()));
        Assert.Null(fixture.Storage.Json("refresh-family", id));
        Assert.Equal(RefreshRotation.Invalid, await family.Rotate(ClientId, t1, Secrets.NewSecret()));
    }

    [Fact]
    public async Task A_revoked_family_refuses_its_tokens_and_a_second_start()
    {
        var (family, _) = NewFamily();
        var t1 = Secrets.NewSecret();
        Assert.True(await family.Start(Grant, t1, InAnHour));

        await family.Revoke();
        await family.Revoke();

        Assert.Equal(RefreshRotation.Invalid, await family.Rotate(ClientId, t1, Secrets.NewSecret()));
        Assert.False(await family.Start(Grant, t1, InAnHour));
    }

    [Fact]
    public async Task A_family_revoked_before_it_started_cannot_start()
    {
        var (family, id) = NewFamily();

        await family.Revoke();

        Assert.False(await family.Start(Grant, Secrets.NewSecret(), InAnHour));
        await fixture.DeactivateAllAsync();
        Assert.False(await family.Start(Grant, Secrets.NewSecret(), InAnHour));
        Assert.DoesNotContain("\"Grant\"", fixture.Storage.Json("refresh-family", id), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Starting_is_idempotent_for_the_same_call_only()
    {
        var (family, _) = NewFamily();
        var t1 = Secrets.NewSecret();
        var expiresAt = InAnHour;

        Assert.True(await family.Start(Grant, t1, expiresAt));
        Assert.True(await family.Start(Grant, t1, expiresAt));
        Assert.False(await family.Start(Grant, Secrets.NewSecret(), expiresAt));
        Assert.False(await family.Start(AuthorizationCodeGrainTests.Grant("another-client"), t1, expiresAt));
        Assert.False(await NewFamily().Grain.Start(Grant, t1, DateTimeOffset.UtcNow.AddSeconds(-1)));
    }

    [Fact]
    public async Task A_family_without_refresh_tokens_rotates_nothing_and_can_be_revoked()
    {
        var (family, _) = NewFamily();
        Assert.True(await family.Start(Grant, null, InAnHour));
        Assert.True(await family.Start(Grant, null, InAnHour));

        Assert.Equal(RefreshRotation.Invalid, await family.Rotate(ClientId, "", Secrets.NewSecret()));
        Assert.Equal(RefreshRotation.Invalid, await family.Rotate(ClientId, Secrets.NewSecret(), Secrets.NewSecret()));
        await family.Revoke();
        Assert.False(await family.Start(Grant, null, InAnHour));
    }

    [Fact]
    public async Task The_family_is_stored_with_hashes_only_and_read_by_a_new_activation()
    {
        var (family, id) = NewFamily();
        var (t1, t2, t3) = (Secrets.NewSecret(), Secrets.NewSecret(), Secrets.NewSecret());
        Assert.True(await family.Start(Grant, t1, InAnHour));
        Assert.Equal(RefreshRotationStatus.Rotated, (await family.Rotate(ClientId, t1, t2)).Status);

        await fixture.DeactivateAllAsync();
        var rotated = await family.Rotate(ClientId, t2, t3);

        Assert.Equal(RefreshRotationStatus.Rotated, rotated.Status);
        AuthorizationCodeGrainTests.AssertSameGrant(Grant, rotated.Grant!);
        var stored = fixture.Storage.Json("refresh-family", id)!;
        Assert.DoesNotContain(t3, stored, StringComparison.Ordinal);
        Assert.DoesNotContain(t2, stored, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(stored);
        Assert.Equal(Convert.ToBase64String(Secrets.Hash(t3)), json.RootElement.GetProperty("CurrentHash").GetString());
        Assert.Equal(Convert.ToBase64String(Secrets.Hash(t2)), json.RootElement.GetProperty("PreviousHash").GetString());
        Assert.Equal((1, 2), (json.RootElement.GetProperty("SchemaVersion").GetInt32(), json.RootElement.GetProperty("Rotations").GetInt32()));
        Assert.False(json.RootElement.TryGetProperty("RevokedAt", out _));
    }

    private (IRefreshTokenFamilyGrain Grain, GrainId Id) NewFamily()
    {
        var key = AuthorizationKeys.Family("default", Secrets.NewTokenId());
        return (fixture.Grains.GetGrain<IRefreshTokenFamilyGrain>(key), GrainId.Create(RegistryGrainTypes.RefreshFamily, key));
    }
}
