using Microsoft.Extensions.Logging;
using Orleans.Concurrency;
using Registry.Protocol.Metadata;
using Registry.Protocol.Security;

namespace Registry.Grains.Clients;

/// <summary>
/// One client of one tenant. Credentials are checked here, in constant time against stored hashes; plain
/// secrets exist only in the response that issues them. A grain whose client does not exist deactivates
/// as soon as it is idle, so probing random ids does not pile up activations.
/// </summary>
/// <remarks>The grain type name is part of every stored row's key: keep it stable.</remarks>
[GrainType("client")]
internal sealed partial class ClientGrain(
    [PersistentState("client", RegistryStorage.Name)] IPersistentState<ClientState> state,
    TimeProvider time,
    ILogger<ClientGrain> logger) : Grain, IClientGrain
{
    /// <summary>"Last used" is written at most this often; in between it lives in memory until deactivation.</summary>
    internal static readonly TimeSpan LastUsedWriteInterval = TimeSpan.FromMinutes(10);

    private ClientCredentialCheck? _credentialCheck;
    private bool _lastUsedDirty;

    private string ClientId => ClientKey.Parse(this.GetPrimaryKeyString()).ClientId;

    async Task<ClientOperationResult> IClientGrain.Register(Immutable<ClientMetadata> metadata)
    {
        if (state.RecordExists)
        {
            return ClientOperationResult.Conflict;
        }

        var now = time.GetUtcNow();
        var secret = Secrets.NewSecret();
        var registrationToken = Secrets.NewSecret();
        await Persist(new ClientState
        {
            Metadata = metadata.Value,
            SecretHash = Secrets.Hash(secret),
            RegistrationTokenHash = Secrets.Hash(registrationToken),
            CreatedAt = now,
            UpdatedAt = now,
            Version = 1,
        });
        return Ok(registrationToken, secret);
    }

    Task<ClientOperationResult> IClientGrain.Read(string registrationAccessToken) =>
        Task.FromResult(IsAuthorized(registrationAccessToken) ? Ok(registrationAccessToken) : ClientOperationResult.Unauthorized);

    async Task<ClientOperationResult> IClientGrain.Update(string registrationAccessToken, Immutable<ClientMetadata> metadata, string? presentedSecret)
    {
        if (!IsAuthorized(registrationAccessToken))
        {
            return ClientOperationResult.Unauthorized;
        }

        // RFC 7592 §2.2: an echoed client_secret must be the current one; the client cannot choose its secret.
        if (presentedSecret is not null && !Secrets.Matches(presentedSecret, state.State.SecretHash))
        {
            return ClientOperationResult.SecretMismatch;
        }

        var rotated = Secrets.NewSecret();
        await Persist(state.State with
        {
            Metadata = metadata.Value,
            RegistrationTokenHash = Secrets.Hash(rotated),
            UpdatedAt = time.GetUtcNow(),
            Version = state.State.Version + 1,
        });
        return Ok(rotated);
    }

    async Task<ClientOperationStatus> IClientGrain.Delete(string registrationAccessToken)
    {
        if (!IsAuthorized(registrationAccessToken))
        {
            return ClientOperationStatus.Unauthorized;
        }

        await state.ClearStateAsync();
        _credentialCheck = null;
        _lastUsedDirty = false;
        DeactivateOnIdle();
        return ClientOperationStatus.Ok;
    }

    async Task<ClientCredentialCheck> IClientGrain.Authenticate(string clientSecret)
    {
        if (!Exists() || !Secrets.Matches(clientSecret, state.State.SecretHash))
        {
            return ClientCredentialCheck.Failed;
        }

        var now = time.GetUtcNow();
        if (state.State.SecretExpiresAt != 0 && now.ToUnixTimeSeconds() >= state.State.SecretExpiresAt)
        {
            return ClientCredentialCheck.Failed;
        }

        await TouchLastUsed(now);
        return _credentialCheck ??= CredentialCheckFor(state.State.Metadata);
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_lastUsedDirty && state.RecordExists)
        {
            try
            {
                await state.WriteStateAsync(cancellationToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // Only the coalesced "last used" timestamp is at stake; the registration itself is already stored.
                LogLastUsedNotSaved(logger, exception, ClientId);
            }
        }
    }

    private bool Exists()
    {
        if (state.RecordExists)
        {
            return true;
        }

        DeactivateOnIdle();
        return false;
    }

    private bool IsAuthorized(string registrationAccessToken) =>
        Exists() && Secrets.Matches(registrationAccessToken, state.State.RegistrationTokenHash);

    /// <summary>Writes a new state; if storage fails, the activation keeps the last stored state.</summary>
    private async Task Persist(ClientState next)
    {
        var previous = state.State;
        state.State = next;
        try
        {
            await state.WriteStateAsync();
            _credentialCheck = null;
            _lastUsedDirty = false;
        }
        catch
        {
            state.State = previous;
            throw;
        }
    }

    private async Task TouchLastUsed(DateTimeOffset now)
    {
        var persisted = state.State.LastUsedAt;
        state.State.LastUsedAt = now;
        _lastUsedDirty = true;
        if (persisted is not null && now - persisted.Value < LastUsedWriteInterval)
        {
            return;
        }

        try
        {
            await state.WriteStateAsync();
            _lastUsedDirty = false;
        }
        catch (Exception exception)
        {
            // A token must not fail because a bookkeeping timestamp could not be written; retried later.
            LogLastUsedNotSaved(logger, exception, ClientId);
        }
    }

    private ClientOperationResult Ok(string registrationAccessToken, string? clientSecret = null)
    {
        var current = state.State;
        return new ClientOperationResult(ClientOperationStatus.Ok, new ClientInformation
        {
            ClientId = ClientId,
            ClientSecret = clientSecret,
            ClientSecretExpiresAt = current.SecretExpiresAt,
            ClientIdIssuedAt = current.CreatedAt.ToUnixTimeSeconds(),
            RegistrationAccessToken = registrationAccessToken,
            CreatedAt = current.CreatedAt,
            UpdatedAt = current.UpdatedAt,
            Metadata = current.Metadata,
        });
    }

    private static ClientCredentialCheck CredentialCheckFor(ClientMetadata metadata) =>
        new(true, [.. metadata.GrantTypes], metadata.Scope, metadata.TokenExpirationTimeSeconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not save the last-used time of client {ClientId}")]
    private static partial void LogLastUsedNotSaved(ILogger logger, Exception exception, string clientId);
}
