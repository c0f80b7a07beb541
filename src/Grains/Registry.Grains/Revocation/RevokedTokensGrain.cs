using Registry.Grains.Abstractions;

namespace Registry.Grains.Revocation;

/// <summary>
/// One shard of a tenant's revoked access tokens (see <see cref="IRevokedTokensGrain"/>). A revocation is stored before
/// it is answered; entries whose token has expired are dropped with the next write (and never answered as revoked:
/// the token's own expiry refuses it by then). An empty shard stays active like any other (every
/// introspection asks one shard; a shard re-read from storage on every call would cost more than its memory).
/// </summary>
/// <remarks>The grain type name is part of every stored row's key: keep it stable.</remarks>
[GrainType(RegistryGrainTypes.RevokedTokens)]
internal sealed class RevokedTokensGrain(
    [PersistentState("revoked-tokens", RegistryStorage.Name)] IPersistentState<RevokedTokensState> state,
    TimeProvider time) : Grain, IRevokedTokensGrain
{
    private Dictionary<string, DateTimeOffset> Revoked => state.State.Revoked;

    async Task<bool> IRevokedTokensGrain.Revoke(string jtiHash, DateTimeOffset expiresAt)
    {
        ArgumentException.ThrowIfNullOrEmpty(jtiHash);
        var now = time.GetUtcNow();
        if (expiresAt <= now || Revoked.TryGetValue(jtiHash, out var known) && known > now)
        {
            return false;
        }

        var next = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        foreach (var (hash, expires) in Revoked)
        {
            if (expires > now)
            {
                next[hash] = expires;
            }
        }

        next[jtiHash] = expiresAt;
        var previous = state.State;
        state.State = new RevokedTokensState { SchemaVersion = RevokedTokensState.CurrentSchemaVersion, Revoked = next };
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            // Not stored, so not answered as revoked: the activation keeps what storage holds.
            state.State = previous;
            throw;
        }

        return true;
    }

    Task<bool> IRevokedTokensGrain.IsRevoked(string jtiHash) =>
        Task.FromResult(Revoked.TryGetValue(jtiHash, out var expires) && expires > time.GetUtcNow());
}
