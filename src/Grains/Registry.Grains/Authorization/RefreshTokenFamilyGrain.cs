using Registry.Grains.Abstractions;
using Registry.Protocol.Security;

namespace Registry.Grains.Authorization;

/// <summary>
/// One refresh-token family (see <see cref="IRefreshTokenFamilyGrain"/>): stored before every answer, so a rotation
/// or a revocation holds across silos. Only hashes of the tokens are stored. A family whose expiry passed is
/// refused, and its row is deleted the next time it is touched.
/// </summary>
/// <remarks>The grain type name is part of every stored row's key: keep it stable.</remarks>
[GrainType(RegistryGrainTypes.RefreshFamily)]
internal sealed class RefreshTokenFamilyGrain(
    [PersistentState("refresh-family", RegistryStorage.Name)] IPersistentState<RefreshTokenFamilyState> state,
    TimeProvider time) : Grain, IRefreshTokenFamilyGrain
{
    /// <summary>
    /// How long a family revoked before it was started stays refused: a reused code's loser may revoke the family
    /// before its winner starts it, and the start must then fail.
    /// </summary>
    internal static readonly TimeSpan UnstartedRevocationLifetime = TimeSpan.FromDays(1);

    async Task<bool> IRefreshTokenFamilyGrain.Start(AuthorizationGrant grant, string? refreshToken, DateTimeOffset expiresAt)
    {
        ArgumentNullException.ThrowIfNull(grant);
        var now = time.GetUtcNow();
        var (live, expired) = await LiveAsync(now);
        if (live)
        {
            // The same start repeated (a lost answer) succeeds again while nothing happened since.
            var current = state.State;
            return current.RevokedAt is null
                && current.Rotations == 0
                && current.Grant is { } stored
                && AuthorizationGrants.Same(stored.ToGrant(), grant)
                && (refreshToken is null ? current.CurrentHash.Length == 0 : Secrets.Matches(refreshToken, current.CurrentHash));
        }

        if (expiresAt <= now || expired)
        {
            // Already over, or a family that expired (its row was just deleted): not started.
            return false;
        }

        await WriteAsync(new RefreshTokenFamilyState
        {
            SchemaVersion = RefreshTokenFamilyState.CurrentSchemaVersion,
            Grant = StoredAuthorizationGrant.From(grant),
            ExpiresAt = expiresAt,
            CurrentHash = refreshToken is null ? [] : Secrets.Hash(refreshToken),
            CreatedAt = now,
            RotatedAt = now,
        });
        return true;
    }

    async Task<RefreshRotation> IRefreshTokenFamilyGrain.Rotate(string clientId, string presentedToken, string nextToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(nextToken);
        var now = time.GetUtcNow();
        if (!(await LiveAsync(now)).Live || state.State is not { RevokedAt: null, Grant: { } grant } current
            || !string.Equals(grant.ClientId, clientId, StringComparison.Ordinal) || current.CurrentHash.Length == 0)
        {
            // Unknown, expired or revoked, or another client's (which must not be able to revoke it by a guess).
            return RefreshRotation.Invalid;
        }

        if (Secrets.Matches(presentedToken, current.CurrentHash))
        {
            await WriteAsync(current with
            {
                SchemaVersion = RefreshTokenFamilyState.CurrentSchemaVersion,
                PreviousHash = current.CurrentHash,
                CurrentHash = Secrets.Hash(nextToken),
                RotatedAt = now,
                Rotations = current.Rotations + 1,
            });
            return new RefreshRotation(RefreshRotationStatus.Rotated, grant.ToGrant(), current.ExpiresAt);
        }

        if (Secrets.Matches(presentedToken, current.PreviousHash) && Secrets.Matches(nextToken, current.CurrentHash))
        {
            // The rotation that made the current token, repeated (its answer was lost): the same answer again.
            return new RefreshRotation(RefreshRotationStatus.Rotated, grant.ToGrant(), current.ExpiresAt);
        }

        // A token that is not current: one of the family's tokens was stolen, so none of them is good any more.
        await WriteAsync(current with { SchemaVersion = RefreshTokenFamilyState.CurrentSchemaVersion, RevokedAt = now });
        return RefreshRotation.Replayed;
    }

    async Task<AuthorizationGrant?> IRefreshTokenFamilyGrain.Peek(string clientId, string presentedToken)
    {
        var now = time.GetUtcNow();
        return (await LiveAsync(now)).Live && state.State is { RevokedAt: null, Grant: { } grant } current
            && string.Equals(grant.ClientId, clientId, StringComparison.Ordinal) && Secrets.Matches(presentedToken, current.CurrentHash)
            ? grant.ToGrant()
            : null;
    }

    async Task IRefreshTokenFamilyGrain.Revoke()
    {
        var now = time.GetUtcNow();
        var (live, expired) = await LiveAsync(now);
        if (live)
        {
            if (state.State.RevokedAt is null)
            {
                await WriteAsync(state.State with { SchemaVersion = RefreshTokenFamilyState.CurrentSchemaVersion, RevokedAt = now });
            }

            return;
        }

        if (!expired)
        {
            // Not started (yet): a revoked row without a grant, so a start that comes late fails.
            await WriteAsync(new RefreshTokenFamilyState
            {
                SchemaVersion = RefreshTokenFamilyState.CurrentSchemaVersion,
                ExpiresAt = now + UnstartedRevocationLifetime,
                CreatedAt = now,
                RotatedAt = now,
                RevokedAt = now,
            });
        }
    }

    /// <summary>
    /// Whether the family is stored and not expired (<c>Live</c>), or was stored and has expired (<c>Expired</c>:
    /// its row is deleted now). An activation without a live family goes when idle.
    /// </summary>
    private async Task<(bool Live, bool Expired)> LiveAsync(DateTimeOffset now)
    {
        if (!state.RecordExists)
        {
            DeactivateOnIdle();
            return (false, false);
        }

        if (now < state.State.ExpiresAt)
        {
            return (true, false);
        }

        await state.ClearStateAsync();
        DeactivateOnIdle();
        return (false, true);
    }

    /// <summary>Writes a new state before the answer; if storage fails, the activation keeps the last stored state.</summary>
    private async Task WriteAsync(RefreshTokenFamilyState next)
    {
        var previous = state.State;
        state.State = next;
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            state.State = previous;
            throw;
        }
    }
}
