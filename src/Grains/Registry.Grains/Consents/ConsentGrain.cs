using Registry.Grains.Abstractions;

namespace Registry.Grains.Consents;

/// <summary>
/// One user's approvals at one tenant (see <see cref="IConsentGrain"/>), stored before answered. A grant widens
/// an approval (the union with what was approved before) and writes only when something changed; beyond
/// <see cref="IConsentGrain.MaxClients"/> clients, the approval updated least recently is dropped. When the last
/// approval is withdrawn, the row is deleted.
/// </summary>
/// <remarks>The grain type name is part of every stored row's key: keep it stable.</remarks>
[GrainType(RegistryGrainTypes.Consent)]
internal sealed class ConsentGrain(
    [PersistentState("consent", RegistryStorage.Name)] IPersistentState<ConsentState> state,
    TimeProvider time) : Grain, IConsentGrain
{
    Task<ConsentRecord?> IConsentGrain.Find(string clientId)
    {
        if (!state.RecordExists)
        {
            DeactivateOnIdle();
        }

        return Task.FromResult(IndexOf(clientId) is var i and >= 0 ? Record(state.State.Clients[i]) : null);
    }

    async Task IConsentGrain.Grant(string subject, string clientId, string[] scopes, string[] resources)
    {
        ArgumentException.ThrowIfNullOrEmpty(clientId);
        var now = time.GetUtcNow();
        var clients = state.State.Clients;
        var i = IndexOf(clientId);
        StoredConsent[] next;
        if (i >= 0)
        {
            var current = clients[i];
            string[] unionScopes = [.. current.Scopes.Union(scopes, StringComparer.Ordinal)];
            string[] unionResources = [.. current.Resources.Union(resources, StringComparer.Ordinal)];
            if (unionScopes.Length == current.Scopes.Length && unionResources.Length == current.Resources.Length)
            {
                // Nothing new: already approved.
                return;
            }

            next = [.. clients];
            next[i] = current with { Scopes = unionScopes, Resources = unionResources, UpdatedAt = now };
        }
        else
        {
            var added = new StoredConsent
            {
                ClientId = clientId,
                Scopes = [.. scopes.Distinct(StringComparer.Ordinal)],
                Resources = [.. resources.Distinct(StringComparer.Ordinal)],
                GrantedAt = now,
                UpdatedAt = now,
            };

            // At the bound, the approval updated least recently makes room.
            next = [.. clients.OrderByDescending(c => c.UpdatedAt).Take(IConsentGrain.MaxClients - 1).Reverse(), added];
        }

        await WriteAsync(new ConsentState { SchemaVersion = ConsentState.CurrentSchemaVersion, Subject = subject, Clients = next });
    }

    Task<ConsentRecord[]> IConsentGrain.List() => Task.FromResult<ConsentRecord[]>([.. state.State.Clients.Select(Record)]);

    async Task<bool> IConsentGrain.Revoke(string clientId)
    {
        var i = IndexOf(clientId);
        if (i < 0)
        {
            return false;
        }

        StoredConsent[] rest = [.. state.State.Clients.Where((_, j) => j != i)];
        if (rest.Length == 0)
        {
            // No approval left: the row goes.
            await state.ClearStateAsync();
            DeactivateOnIdle();
            return true;
        }

        await WriteAsync(state.State with { SchemaVersion = ConsentState.CurrentSchemaVersion, Clients = rest });
        return true;
    }

    private int IndexOf(string clientId) => Array.FindIndex(state.State.Clients, c => string.Equals(c.ClientId, clientId, StringComparison.Ordinal));

    private ConsentRecord Record(StoredConsent c) => new(state.State.Subject, c.ClientId, [.. c.Scopes], [.. c.Resources], c.GrantedAt, c.UpdatedAt);

    /// <summary>Writes a new state before the answer; if storage fails, the activation keeps the last stored state.</summary>
    private async Task WriteAsync(ConsentState next)
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
