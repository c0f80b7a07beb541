using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Registry.Grains.Abstractions;
using Registry.Protocol.Security;
using Registry.Protocol.Throttling;

namespace Registry.Grains.Tenants;

/// <summary>
/// One tenant. Serves its configured policy and bootstrap admin client, and owns its signing keys: a key of
/// the configured algorithm (RS256 or ES256) is generated on first use and persisted, so tokens stay valid
/// across restarts when the grain storage is durable. Its identifier key (the MAC key of client ids and
/// registration access tokens) is generated and persisted the same way.
/// </summary>
/// <remarks>The grain type name is part of every stored row's key: keep it stable.</remarks>
[GrainType(RegistryGrainTypes.Tenant)]
internal sealed partial class TenantGrain(
    [PersistentState("tenant", RegistryStorage.Name)] IPersistentState<TenantState> state,
    TenantDirectory tenants,
    TimeProvider time,
    ILogger<TenantGrain> logger) : Grain, ITenantGrain
{
    private const int RsaKeySize = 2048;

    /// <summary>A changed client count is written at most this late (a crash loses at most this many seconds of changes).</summary>
    internal static readonly TimeSpan CountWriteDelay = TimeSpan.FromSeconds(1);

    private TenantSettings? _settings;
    private TenantSnapshot? _snapshot;
    private byte[] _adminClientIdHash = [];

    // Limits live in this one activation, so they hold for the whole cluster; they restart with it.
    private TokenBucket? _registrations;
    private TokenBucket? _adminTokens;
    private FailureBackoff? _adminBackoff;
    private IGrainTimer? _countWrite;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _settings = tenants.Find(this.GetPrimaryKeyString());
        if (_settings is null)
        {
            return;
        }

        _adminClientIdHash = Secrets.Hash(_settings.AdminClientId);
        var limits = _settings.Throttles;
        _registrations = new TokenBucket(limits.RegistrationsPerSecond, limits.RegistrationBurst);
        _adminTokens = new TokenBucket(limits.TokenRequestsPerSecond, limits.TokenBurst);
        _adminBackoff = limits.ClientBackoff();
        var algorithm = _settings.SigningAlgorithm;
        var newSigningKey = !state.State.SigningKeys.Any(k => k.Algorithm == algorithm);
        if (newSigningKey)
        {
            // First use, or the tenant switched algorithm: a new current key; older keys stay published.
            state.State.SigningKeys.Insert(0, NewKey(algorithm));
        }

        var newIdentifierKey = state.State.IdentifierKey.Length != ClientIdentifiers.KeyBytes;
        if (newIdentifierKey)
        {
            // A tenant stored before identifiers carried a MAC has clients whose ids and tokens carry none.
            state.State.IdentifierKey = ClientIdentifiers.NewKey();
            state.State.AcceptsLegacyIdentifiers = state.RecordExists;
        }

        if (newSigningKey || newIdentifierKey)
        {
            state.State.SchemaVersion = TenantState.CurrentSchemaVersion;
            await state.WriteStateAsync(cancellationToken);
            if (newSigningKey)
            {
                LogKeyCreated(logger, _settings.Name, state.State.SigningKeys[0].KeyId, algorithm);
            }
        }

        // The current key (first) is the newest key of the configured algorithm; every key validates.
        var keys = state.State.SigningKeys.OrderBy(k => k.Algorithm == algorithm ? 0 : 1).ThenByDescending(k => k.CreatedAt);
        _snapshot = new TenantSnapshot(
            _settings.Name,
            _settings.AdminClientId,
            _settings.AdminTokenLifetimeSeconds,
            _settings.Policy,
            [.. keys.Select(k => new SigningKeyMaterial(k.KeyId, k.Algorithm, k.Pkcs8PrivateKey, k.CreatedAt))],
            state.State.IdentifierKey,
            state.State.AcceptsLegacyIdentifiers,
            _settings.Throttles);
    }

    Task<TenantSnapshot?> ITenantGrain.GetSnapshot()
    {
        if (_snapshot is null)
        {
            DeactivateOnIdle();
        }

        return Task.FromResult(_snapshot);
    }

    async Task<long> ITenantGrain.AddClientCount(long delta)
    {
        if (_settings is null)
        {
            DeactivateOnIdle();
            return 0;
        }

        if (delta != 0)
        {
            state.State.ClientCount = Math.Max(0, state.State.ClientCount + delta);
            await state.WriteStateAsync();
        }

        return state.State.ClientCount;
    }

    Task<Admission> ITenantGrain.AuthenticateAdmin(string clientId, string clientSecret)
    {
        if (_settings is null)
        {
            DeactivateOnIdle();
            return Task.FromResult(Admission.Refused);
        }

        // A back-off holds whatever is presented, so guessing on during it learns nothing.
        var now = time.GetUtcNow();
        if (_adminBackoff!.RemainingAt(now) is var wait && wait > TimeSpan.Zero)
        {
            return Task.FromResult(Admission.Throttled(AdmissionStatus.Backoff, wait));
        }

        // Both checks always run, so timing tells nothing about which one failed.
        var idMatches = Secrets.Matches(clientId, _adminClientIdHash);
        var secretMatches = Secrets.Matches(clientSecret, _settings.AdminSecretHash);
        if (!(idMatches & secretMatches))
        {
            _adminBackoff.RecordFailure(now);
            DelayDeactivation(_adminBackoff.KeepFor(now));
            return Task.FromResult(Admission.Refused);
        }

        _adminBackoff.RecordSuccess();
        return Task.FromResult(_adminTokens!.TryTake(now, out var retryAfter)
            ? Admission.Granted
            : Admission.Throttled(AdmissionStatus.TokenRate, retryAfter));
    }

    async Task<bool> ITenantGrain.AuthenticateAdminPreviousVersion(string clientId, string clientSecret) =>
        (await ((ITenantGrain)this).AuthenticateAdmin(clientId, clientSecret)).IsGranted;

    Task<Admission> ITenantGrain.ReserveClient()
    {
        if (_settings is null)
        {
            DeactivateOnIdle();
            return Task.FromResult(Admission.UnknownTenant);
        }

        if (state.State.ClientCount >= _settings.Throttles.MaxClients)
        {
            return Task.FromResult(Admission.QuotaReached);
        }

        if (!_registrations!.TryTake(time.GetUtcNow(), out var retryAfter))
        {
            return Task.FromResult(Admission.Throttled(AdmissionStatus.RegistrationRate, retryAfter));
        }

        ChangeClientCount(+1);
        return Task.FromResult(Admission.Granted);
    }

    Task ITenantGrain.ReleaseClient()
    {
        if (_settings is not null)
        {
            ChangeClientCount(-1);
        }

        return Task.CompletedTask;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_countWrite is not null)
        {
            await WriteCountAsync(cancellationToken);
        }
    }

    /// <summary>The count changes in memory at once (the quota holds at once) and reaches storage within <see cref="CountWriteDelay"/>.</summary>
    private void ChangeClientCount(long delta)
    {
        state.State.ClientCount = Math.Max(0, state.State.ClientCount + delta);
        _countWrite ??= this.RegisterGrainTimer(WriteCountAsync, new GrainTimerCreationOptions(CountWriteDelay, Timeout.InfiniteTimeSpan));
    }

    private async Task WriteCountAsync(CancellationToken cancellationToken)
    {
        _countWrite?.Dispose();
        _countWrite = null;
        try
        {
            await state.WriteStateAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Kept in memory; the next change (or deactivation) writes it again.
            LogCountNotSaved(logger, exception, _settings!.Name);
            _countWrite ??= this.RegisterGrainTimer(WriteCountAsync, new GrainTimerCreationOptions(CountWriteDelay, Timeout.InfiniteTimeSpan));
        }
    }

    private StoredSigningKey NewKey(string algorithm)
    {
        if (algorithm == JoseAlgorithms.ES256)
        {
            using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            return Stored(PublicJwk.FromEc(ec.ExportParameters(false), algorithm).Kid, algorithm, ec.ExportPkcs8PrivateKey());
        }

        using var rsa = RSA.Create(RsaKeySize);
        return Stored(PublicJwk.FromRsa(rsa.ExportParameters(false), algorithm).Kid, algorithm, rsa.ExportPkcs8PrivateKey());
    }

    private StoredSigningKey Stored(string keyId, string algorithm, byte[] pkcs8) => new()
    {
        KeyId = keyId,
        Algorithm = algorithm,
        Pkcs8PrivateKey = pkcs8,
        CreatedAt = time.GetUtcNow(),
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Tenant '{Tenant}': could not save the client count; retrying")]
    private static partial void LogCountNotSaved(ILogger logger, Exception exception, string tenant);

    [LoggerMessage(Level = LogLevel.Information, Message = "Tenant '{Tenant}': created {Algorithm} signing key {KeyId}")]
    private static partial void LogKeyCreated(ILogger logger, string tenant, string keyId, string algorithm);
}
