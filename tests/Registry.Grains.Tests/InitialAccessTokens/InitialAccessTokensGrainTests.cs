using System.Text.Json;

namespace Registry.Grains.Tests.InitialAccessTokens;

[Collection(ClusterCollectionDefinition.Name)]
public sealed class InitialAccessTokensGrainTests(ClusterFixture fixture)
{
    private static readonly DateTimeOffset InAnHour = DateTimeOffset.UtcNow.AddHours(1);

    private static string NewTenant() => "iat-" + Guid.NewGuid().ToString("N")[..12];

    [Fact]
    public async Task Twenty_concurrent_uses_of_a_token_of_two_uses_admit_exactly_two()
    {
        var grain = fixture.Grains.GetGrain<IInitialAccessTokensGrain>(NewTenant());
        Assert.Equal(InitialAccessTokenCreateStatus.Ok, await grain.Create("id-1", "token-1", InAnHour, 2, ["orders.read"]));

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => grain.Consume("id-1", "token-1")));

        Assert.Equal(2, results.Count(r => r.IsValid));
        Assert.All(results.Where(r => r.IsValid), r => Assert.Equal(["orders.read"], r.AllowedScopes!));
        Assert.All(results.Where(r => !r.IsValid), r => Assert.Equal((InitialAccessTokenStatus.Exhausted, null), (r.Status, r.AllowedScopes)));
        await fixture.DeactivateAllAsync();
        Assert.Equal(2, Assert.Single(await grain.List()).Uses);
        Assert.Equal(InitialAccessTokenStatus.Exhausted, (await grain.Check("id-1", "token-1")).Status);
    }

    [Fact]
    public async Task A_check_takes_no_use_and_a_release_gives_one_back()
    {
        var grain = fixture.Grains.GetGrain<IInitialAccessTokensGrain>(NewTenant());
        Assert.Equal(InitialAccessTokenCreateStatus.Ok, await grain.Create("id-1", "token-1", InAnHour, 1, null));

        Assert.True((await grain.Check("id-1", "token-1")).IsValid);
        Assert.True((await grain.Check("id-1", "token-1")).IsValid);
        var consumed = await grain.Consume("id-1", "token-1");
        Assert.Equal((InitialAccessTokenStatus.Valid, null), (consumed.Status, consumed.AllowedScopes));
        Assert.Equal(InitialAccessTokenStatus.Exhausted, (await grain.Consume("id-1", "token-1")).Status);

        await grain.Release("id-1");

        Assert.Equal(0, Assert.Single(await grain.List()).Uses);
        Assert.True((await grain.Consume("id-1", "token-1")).IsValid);
    }

    [Fact]
    public async Task A_wrong_token_or_id_is_unknown_whatever_the_token_is()
    {
        var grain = fixture.Grains.GetGrain<IInitialAccessTokensGrain>(NewTenant());
        Assert.Equal(InitialAccessTokenCreateStatus.Ok, await grain.Create("id-1", "token-1", InAnHour, 1, null));
        Assert.True(await grain.Revoke("id-1"));

        Assert.Equal(InitialAccessTokenStatus.Unknown, (await grain.Consume("id-1", "token-2")).Status);
        Assert.Equal(InitialAccessTokenStatus.Unknown, (await grain.Check("id-2", "token-1")).Status);
        Assert.Equal(InitialAccessTokenStatus.Revoked, (await grain.Check("id-1", "token-1")).Status);
    }

    [Fact]
    public async Task An_expired_token_is_refused()
    {
        var grain = fixture.Grains.GetGrain<IInitialAccessTokensGrain>(NewTenant());
        Assert.Equal(InitialAccessTokenCreateStatus.Ok, await grain.Create("id-1", "token-1", DateTimeOffset.UtcNow.AddSeconds(-1), 5, null));

        Assert.Equal(InitialAccessTokenStatus.Expired, (await grain.Check("id-1", "token-1")).Status);
        Assert.Equal(InitialAccessTokenStatus.Expired, (await grain.Consume("id-1", "token-1")).Status);
        Assert.Equal(0, Assert.Single(await grain.List()).Uses);
    }

    [Fact]
    public async Task A_revoked_token_is_refused_and_listed_as_revoked()
    {
        var grain = fixture.Grains.GetGrain<IInitialAccessTokensGrain>(NewTenant());
        Assert.Equal(InitialAccessTokenCreateStatus.Ok, await grain.Create("id-1", "token-1", InAnHour, 5, ["a", "b"]));
        Assert.Equal(InitialAccessTokenCreateStatus.Ok, await grain.Create("id-2", "token-2", InAnHour, 5, null));

        Assert.True(await grain.Revoke("id-1"));
        Assert.True(await grain.Revoke("id-1"));
        Assert.False(await grain.Revoke("id-3"));

        Assert.Equal(InitialAccessTokenStatus.Revoked, (await grain.Consume("id-1", "token-1")).Status);
        Assert.True((await grain.Consume("id-2", "token-2")).IsValid);
        var listed = (await grain.List()).OrderBy(t => t.Id, StringComparer.Ordinal).ToList();
        Assert.Equal([true, false], listed.Select(t => t.Revoked));
        Assert.Equal(["a", "b"], listed[0].AllowedScopes!);
        Assert.Equal((5, 1), (listed[1].MaxUses, listed[1].Uses));
    }

    [Fact]
    public async Task Create_is_idempotent_for_the_same_token_and_refuses_another_under_the_id()
    {
        var tenant = NewTenant();
        var grain = fixture.Grains.GetGrain<IInitialAccessTokensGrain>(tenant);

        Assert.Equal(InitialAccessTokenCreateStatus.Ok, await grain.Create("id-1", "token-1", InAnHour, 1, null));
        Assert.Equal(InitialAccessTokenCreateStatus.Ok, await grain.Create("id-1", "token-1", InAnHour, 1, null));
        Assert.Equal(InitialAccessTokenCreateStatus.Conflict, await grain.Create("id-1", "token-2", InAnHour, 1, null));

        Assert.Single(await grain.List());
        var stored = fixture.Storage.Json("initial-access-tokens", GrainId.Create("initial-access-tokens", tenant))!;
        Assert.DoesNotContain("token-1", stored, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_tenant_holds_a_bounded_number_of_live_tokens()
    {
        var tenant = NewTenant();
        var id = GrainId.Create("initial-access-tokens", tenant);
        var full = Enumerable.Range(0, IInitialAccessTokensGrain.MaxLiveTokens).Select(i => new
        {
            Id = $"id-{i}",
            TokenHash = new byte[32],
            ExpiresAt = InAnHour,
            MaxUses = 1,
            Uses = 0,
            CreatedAt = DateTimeOffset.UtcNow,
        });
        fixture.Storage.Put("initial-access-tokens", id, JsonSerializer.Serialize(new { SchemaVersion = 1, Tokens = full }));
        var grain = fixture.Grains.GetGrain<IInitialAccessTokensGrain>(tenant);

        Assert.Equal(InitialAccessTokenCreateStatus.LimitReached, await grain.Create("one-more", "token", InAnHour, 1, null));
        Assert.True(await grain.Revoke("id-0"));
        Assert.Equal(InitialAccessTokenCreateStatus.Ok, await grain.Create("one-more", "token", InAnHour, 1, null));
    }

    [Fact]
    public async Task Tokens_expired_or_revoked_long_ago_are_dropped_with_the_next_write()
    {
        var tenant = NewTenant();
        var longAgo = DateTimeOffset.UtcNow - IInitialAccessTokensGrain.PurgeAfter - TimeSpan.FromDays(1);
        fixture.Storage.Put("initial-access-tokens", GrainId.Create("initial-access-tokens", tenant), JsonSerializer.Serialize(new
        {
            SchemaVersion = 1,
            Tokens = new object[]
            {
                new { Id = "expired", TokenHash = new byte[32], ExpiresAt = longAgo, MaxUses = 1, Uses = 0, CreatedAt = longAgo },
                new { Id = "revoked", TokenHash = new byte[32], ExpiresAt = InAnHour, MaxUses = 1, Uses = 0, CreatedAt = longAgo, RevokedAt = longAgo },
                new { Id = "recently-expired", TokenHash = new byte[32], ExpiresAt = DateTimeOffset.UtcNow.AddMinutes(-1), MaxUses = 1, Uses = 0, CreatedAt = longAgo },
            },
        }));
        var grain = fixture.Grains.GetGrain<IInitialAccessTokensGrain>(tenant);
        Assert.Equal(3, (await grain.List()).Length);

        Assert.Equal(InitialAccessTokenCreateStatus.Ok, await grain.Create("new", "token", InAnHour, 1, null));

        Assert.Equal(["new", "recently-expired"], (await grain.List()).Select(t => t.Id).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_use_the_store_did_not_take_is_not_given()
    {
        var tenant = NewTenant();
        var grain = fixture.Grains.GetGrain<IInitialAccessTokensGrain>(tenant);
        Assert.Equal(InitialAccessTokenCreateStatus.Ok, await grain.Create("id-1", "token-1", InAnHour, 1, null));

        using (fixture.Storage.FailWritesOf(GrainId.Create("initial-access-tokens", tenant)))
        {
            await Assert.ThrowsAnyAsync<Exception>(() => grain.Consume("id-1", "token-1"));
        }

        Assert.Equal(0, Assert.Single(await grain.List()).Uses);
        Assert.True((await grain.Consume("id-1", "token-1")).IsValid);
    }

    [Fact]
    public async Task Revoking_all_forgets_every_token()
    {
        var grain = fixture.Grains.GetGrain<IInitialAccessTokensGrain>(NewTenant());
        Assert.Equal(InitialAccessTokenCreateStatus.Ok, await grain.Create("id-1", "token-1", InAnHour, 1, null));

        await grain.RevokeAll();
        await grain.RevokeAll();

        Assert.Empty(await grain.List());
        Assert.Equal(InitialAccessTokenStatus.Unknown, (await grain.Check("id-1", "token-1")).Status);
    }
}
