using System.Text.Json;

namespace Registry.Grains.Tests.Revocation;

/// <summary>A tenant's revoked access tokens: remembered by the hash of the jti until the token expires, stored before answered.</summary>
[Collection(ClusterCollectionDefinition.Name)]
public sealed class RevokedTokensGrainTests(ClusterFixture fixture)
{
    [Fact]
    public async Task A_revoked_jti_is_remembered_once_and_stored_as_its_hash_only()
    {
        var jti = Guid.NewGuid().ToString("N");
        var hash = RevokedTokenKeys.Hash(jti);
        var key = RevokedTokenKeys.Shard("golden", hash);
        var shard = fixture.Grains.GetGrain<IRevokedTokensGrain>(key);

        Assert.False(await shard.IsRevoked(hash));
        Assert.True(await shard.Revoke(hash, DateTimeOffset.UtcNow.AddHours(1)));
        Assert.False(await shard.Revoke(hash, DateTimeOffset.UtcNow.AddHours(1)));

        Assert.True(await shard.IsRevoked(hash));
        Assert.False(await shard.IsRevoked(RevokedTokenKeys.Hash(jti + "x")));
        var stored = fixture.Storage.Json("revoked-tokens", GrainId.Create(RegistryGrainTypes.RevokedTokens, key))!;
        Assert.Contains(hash, stored, StringComparison.Ordinal);
        Assert.DoesNotContain(jti, stored, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_token_already_expired_is_not_stored()
    {
        var hash = RevokedTokenKeys.Hash(Guid.NewGuid().ToString("N"));
        var key = RevokedTokenKeys.Shard("expired", hash);

        Assert.False(await fixture.Grains.GetGrain<IRevokedTokensGrain>(key).Revoke(hash, DateTimeOffset.UtcNow.AddSeconds(-1)));

        Assert.Equal(0, fixture.Storage.WritesOf(GrainId.Create(RegistryGrainTypes.RevokedTokens, key)));
    }

    [Fact]
    public void Shards_are_sixteen_per_tenant_and_spread_by_the_hash()
    {
        var shards = Enumerable.Range(0, 2000).Select(i => RevokedTokenKeys.Shard("t", RevokedTokenKeys.Hash(i.ToString(System.Globalization.CultureInfo.InvariantCulture)))).ToHashSet();

        Assert.Equal(RevokedTokenKeys.Shards, shards.Count);
        Assert.All(shards, s => Assert.Matches("^t/[0-9a-f]$", s));
    }

    [Fact]
    public async Task A_shard_stored_by_version_1_is_read_and_its_expired_entries_pruned_with_the_next_write()
    {
        const string Live = "n4bQgYhMfWWaL-qgxVrQFaO_TxsrC4Is0V1sFbDwCgg";
        const string Expired = "LCa0a2j_xo_5m0U8HTBBNBNCLXBkg7-g-YpeiGJm564";
        var key = "golden-" + Guid.NewGuid().ToString("N") + "/0";
        var id = GrainId.Create(RegistryGrainTypes.RevokedTokens, key);
        fixture.Storage.Put("revoked-tokens", id, File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "StoredDocuments", "revoked-tokens-v1.json")));
        var shard = fixture.Grains.GetGrain<IRevokedTokensGrain>(key);

        Assert.True(await shard.IsRevoked(Live));
        Assert.False(await shard.IsRevoked(Expired));

        var added = RevokedTokenKeys.Hash("another");
        Assert.True(await shard.Revoke(added, DateTimeOffset.UtcNow.AddHours(1)));
        using var rewritten = JsonDocument.Parse(fixture.Storage.Json("revoked-tokens", id)!);
        Assert.Equal(1, rewritten.RootElement.GetProperty("SchemaVersion").GetInt32());
        Assert.Equal(new[] { Live, added }.Order(StringComparer.Ordinal), rewritten.RootElement.GetProperty("Revoked").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
    }
}
