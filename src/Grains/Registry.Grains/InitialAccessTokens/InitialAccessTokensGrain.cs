using Registry.Grains.Abstractions;
using Registry.Protocol.Security;

namespace Registry.Grains.InitialAccessTokens;

/// <summary>
/// A tenant's initial access tokens (RFC 7591 §3). Its one activation counts uses for the whole cluster, and
/// a use is stored before it is answered, so a token of N uses admits exactly N registrations however many
/// arrive at once. Tokens expired or revoked longer than <see cref="IInitialAccessTokensGrain.PurgeAfter"/> ago
/// are dropped from the document with its next write.
/// </summary>
/// <remarks>The grain type name is part of every stored row's key: keep it stable.</remarks>
[GrainType(RegistryGrainTypes.InitialAccessTokens)]
internal sealed class InitialAccessTokensGrain(
    [PersistentState("initial-access-tokens", RegistryStorage.Name)] IPersistentState<InitialAccessTokensState> state,
    TimeProvider time) : Grain, IInitialAccessTokensGrain
{
    private List<StoredInitialAccessToken> Tokens => state.State.Tokens;

    async Task<InitialAccessTokenCreateStatus> IInitialAccessTokensGrain.Create(
        string id, string token, DateTimeOffset expiresAt, int maxUses, IReadOnlyList<string>? allowedScopes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxUses, 1);
        if (Find(id) is { } existing)
        {
            // The same create repeated (a lost answer) succeeds again; another token under the id does not.
            return Secrets.Matches(token, existing.TokenHash) ? InitialAccessTokenCreateStatus.Ok : InitialAccessTokenCreateStatus.Conflict;
        }

        var now = time.GetUtcNow();
        if (Tokens.Count(t => t.RevokedAt is null && t.ExpiresAt > now) >= IInitialAccessTokensGrain.MaxLiveTokens)
        {
            return InitialAccessTokenCreateStatus.LimitReached;
        }

        var created = new StoredInitialAccessToken
        {
            Id = id,
            TokenHash = Secrets.Hash(token),
            ExpiresAt = expiresAt,
            MaxUses = maxUses,
            CreatedAt = now,
            AllowedScopes = allowedScopes is null ? null : [.. allowedScopes],
        };
        Tokens.Add(created);
        await WriteAsync(() => Tokens.Remove(created));
        return InitialAccessTokenCreateStatus.Ok;
    }

    Task<InitialAccessTokenInfo[]> IInitialAccessTokensGrain.List() => Task.FromResult<InitialAccessTokenInfo[]>(
        [.. Tokens.Select(t => new InitialAccessTokenInfo(t.Id, t.ExpiresAt, t.MaxUses, t.Uses, t.CreatedAt, t.RevokedAt is not null, t.AllowedScopes))]);

    async Task<bool> IInitialAccessTokensGrain.Revoke(string id)
    {
        if (Find(id) is not { } token)
        {
            return false;
        }

        if (token.RevokedAt is null)
        {
            token.RevokedAt = time.GetUtcNow();
            await WriteAsync(() => token.RevokedAt = null);
        }

        return true;
    }

    async Task IInitialAccessTokensGrain.RevokeAll()
    {
        if (Tokens.Count > 0)
        {
            var previous = Tokens.ToList();
            Tokens.Clear();
            await WriteAsync(() => Tokens.AddRange(previous));
        }

        // Called for a deleted (or newly created) tenant: nothing is left to keep in memory.
        DeactivateOnIdle();
    }

    Task<InitialAccessTokenCheck> IInitialAccessTokensGrain.Check(string id, string token) =>
        Task.FromResult(Inspect(id, token, out _));

    async Task<InitialAccessTokenCheck> IInitialAccessTokensGrain.Consume(string id, string token)
    {
        var check = Inspect(id, token, out var stored);
        if (check.IsValid)
        {
            // Stored before answered: a use the store did not take is not given.
            stored!.Uses++;
            await WriteAsync(() => stored.Uses--);
        }

        return check;
    }

    async Task IInitialAccessTokensGrain.Release(string id)
    {
        if (Find(id) is { Uses: > 0 } token)
        {
            token.Uses--;
            await WriteAsync(() => token.Uses++);
        }
    }

    private StoredInitialAccessToken? Find(string id) => Tokens.Find(t => string.Equals(t.Id, id, StringComparison.Ordinal));

    /// <summary>What the token is; the hash is compared (in constant time) before anything about the token is told.</summary>
    private InitialAccessTokenCheck Inspect(string id, string token, out StoredInitialAccessToken? stored)
    {
        stored = Find(id);
        if (stored is null || !Secrets.Matches(token, stored.TokenHash))
        {
            DeactivateWhenEmpty();
            return InitialAccessTokenCheck.Unknown;
        }

        var status = stored.RevokedAt is not null ? InitialAccessTokenStatus.Revoked
            : time.GetUtcNow() >= stored.ExpiresAt ? InitialAccessTokenStatus.Expired
            : stored.Uses >= stored.MaxUses ? InitialAccessTokenStatus.Exhausted
            : InitialAccessTokenStatus.Valid;
        return new InitialAccessTokenCheck(status, status == InitialAccessTokenStatus.Valid ? stored.AllowedScopes : null);
    }

    /// <summary>Guessing ids at a tenant without tokens does not keep activations around.</summary>
    private void DeactivateWhenEmpty()
    {
        if (Tokens.Count == 0)
        {
            DeactivateOnIdle();
        }
    }

    /// <summary>Writes the document, first dropping tokens long expired or revoked; on failure undoes the change.</summary>
    private async Task WriteAsync(Action undo)
    {
        var purgeBefore = time.GetUtcNow() - IInitialAccessTokensGrain.PurgeAfter;
        var purged = Tokens.Where(t => t.ExpiresAt < purgeBefore || t.RevokedAt < purgeBefore).ToList();
        Tokens.RemoveAll(purged.Contains);
        state.State.SchemaVersion = InitialAccessTokensState.CurrentSchemaVersion;
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            Tokens.AddRange(purged);
            undo();
            throw;
        }
    }
}
