using Microsoft.Extensions.Logging;
using Registry.Grains.Abstractions;
using Registry.Grains.Telemetry;
using Registry.Protocol.Security;
using Registry.Protocol.Throttling;

namespace Registry.Grains.Tenants;

/// <summary>
/// One tenant. Serves its settings — from the silo's configuration for a tenant named there (configuration is
/// their source of truth; such a tenant cannot be created, changed or deleted here), else from the definition
/// stored when it was created at runtime — and owns its signing keys: a key of the tenant's algorithm (RS256 or
/// ES256) is generated on first use and persisted (its private key protected, see <see cref="ISigningKeyProtector"/>), so
/// tokens stay valid across restarts when the grain storage is durable; keys rotate on the schedule of
/// <see cref="SigningKeySchedule"/>, driven by a grain timer while active and a reminder while not, and on demand.
/// Its identifier key (the MAC key of client ids and registration access tokens) is generated and
/// persisted the same way. It hands out the tenant's client sequence numbers (see <see cref="TenantState.SequenceCeiling"/>).
/// </summary>
/// <remarks>The grain type name is part of every stored row's key: keep it stable.</remarks>
[GrainType(RegistryGrainTypes.Tenant)]
internal sealed partial class TenantGrain(
    [PersistentState("tenant", RegistryStorage.Name)] IPersistentState<TenantState> state,
    TenantDirectory tenants,
    UpstreamSecrets upstreams,
    TimeProvider time,
    ISigningKeyProtector protector,
    SigningKeyAges keyAges,
    ILogger<TenantGrain> logger) : Grain, ITenantGrain, IRemindable
{
    /// <summary>The reminder that wakes the tenant for its key schedule (rotation, retirement) while it is not active.</summary>
    internal const string KeyReminder = "signing-keys";

    /// <summary>The longest a key timer waits before the schedule is looked at again.</summary>
    private static readonly TimeSpan MaxKeyTimerDelay = TimeSpan.FromHours(1);

    /// <summary>A changed client count is written at most this late (a crash loses at most this many seconds of changes).</summary>
    internal static readonly TimeSpan CountWriteDelay = TimeSpan.FromSeconds(1);

    /// <summary>Sequence numbers reserved by one write of <see cref="TenantState.SequenceCeiling"/>.</summary>
    internal const long SequenceBlock = 1024;

    private TenantSettings? _settings;
    private TenantSnapshot? _snapshot;
    private bool _configured;
    private byte[] _adminClientIdHash = [];
    private long _nextSequence;

    // Limits live in this one activation, so they hold for the whole cluster; they restart with it.
    private TokenBucket? _registrations;
    private TokenBucket? _adminTokens;
    private FailureBackoff? _adminBackoff;
    private IGrainTimer? _countWrite;
    private IGrainTimer? _keyTimer;

    // The key reminder as this activation last registered it (it writes it once, then only when its period changes).
    private bool _reminderChecked;
    private TimeSpan? _reminderPeriod;

    private string Name => this.GetPrimaryKeyString();

    /// <summary>A tenant created at runtime and not deleted since.</summary>
    private bool IsRuntimeTenant => state.State.Definition is not null && state.State.DeletedAt is null;

    private ITenantIndexGrain Index => GrainFactory.GetGrain<ITenantIndexGrain>(ITenantIndexGrain.Key);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // Numbers below the stored ceiling may have been handed out by an earlier activation: start above them.
        _nextSequence = state.State.SequenceCeiling;
        var configured = tenants.Find(Name);
        _configured = configured is not null;
        var settings = configured ?? (IsRuntimeTenant ? RuntimeSettings(state.State.Definition!) : null);
        if (settings is null)
        {
            return;
        }

        await EnsureKeysAsync(settings, cancellationToken);
        Serve(settings);
        await ScheduleIdleSweepAsync(always: false);
        await ScheduleKeysAsync();
    }

    Task<TenantSnapshot?> ITenantGrain.GetSnapshot()
    {
        if (_snapshot is null)
        {
            DeactivateOnIdle();
        }

        return Task.FromResult(_snapshot);
    }

    Task<TenantDescription?> ITenantGrain.Describe()
    {
        if (_settings is not { } s)
        {
            DeactivateOnIdle();
            return Task.FromResult<TenantDescription?>(null);
        }

        var stored = _configured ? null : state.State;
        return Task.FromResult<TenantDescription?>(new TenantDescription(
            s.Name, s.AdminClientId, s.AdminTokenLifetimeSeconds, s.Policy, s.SigningAlgorithm, s.Throttles, _configured, stored?.CreatedAt, stored?.UpdatedAt)
        {
            Upstream = s.Upstream?.WithoutSecret(),
        });
    }

    async Task<TenantChangeStatus> ITenantGrain.Create(TenantDefinition definition)
    {
        if (_configured)
        {
            return TenantChangeStatus.Configured;
        }

        var stored = StoredTenantDefinition.From(definition);
        if (IsRuntimeTenant)
        {
            if (!state.State.Definition!.SameAs(stored) || !upstreams.Same(Name, state.State.Definition.Upstream, definition.Upstream))
            {
                return TenantChangeStatus.Exists;
            }

            // A retry of a create that succeeded (its answer lost): the index and subscribers may not know yet.
            await Index.Add(Name);
            await Index.Publish(Name);
            return TenantChangeStatus.Ok;
        }

        if (!await Index.Add(Name))
        {
            return TenantChangeStatus.LimitReached;
        }

        stored = stored with { Upstream = upstreams.Protect(Name, definition.Upstream, null) };

        // Whatever an earlier tenant of this name left (a delete that did not finish) never reaches this one.
        await GrainFactory.GetGrain<IInitialAccessTokensGrain>(Name).RevokeAll();
        var now = time.GetUtcNow();
        var ceiling = state.State.SequenceCeiling;
        CancelCountWrite();
        await PersistAsync(new TenantState
        {
            SigningKeys = [SigningKeyFactory.NewProtected(definition.SigningAlgorithm, now, now, protector)],
            IdentifierKey = ClientIdentifiers.NewKey(),
            SchemaVersion = TenantState.CurrentSchemaVersion,
            Definition = stored,
            CreatedAt = now,
            UpdatedAt = now,
            SequenceCeiling = ceiling,
            FirstSequence = ceiling,
        });
        _nextSequence = ceiling;
        Serve(RuntimeSettings(stored));
        await ScheduleIdleSweepAsync(always: false);
        LogTenantCreated(logger, Name, state.State.SigningKeys[0].KeyId, definition.SigningAlgorithm);
        await ScheduleKeysAsync();
        await Index.Publish(Name);
        return TenantChangeStatus.Ok;
    }

    async Task<TenantChangeStatus> ITenantGrain.Update(TenantDefinition definition)
    {
        if (_configured)
        {
            return TenantChangeStatus.Configured;
        }

        if (!IsRuntimeTenant)
        {
            DeactivateOnIdle();
            return TenantChangeStatus.NotFound;
        }

        // An empty hash keeps the admin secret (a replacement that does not rotate it).
        var stored = StoredTenantDefinition.From(definition.AdminSecretHash.Length == 0
            ? definition with { AdminSecretHash = state.State.Definition!.AdminSecretHash }
            : definition) with
        {
            Upstream = upstreams.Protect(Name, definition.Upstream, state.State.Definition!.Upstream),
        };
        var next = state.State.Copy();
        next.Definition = stored;
        next.UpdatedAt = time.GetUtcNow();
        next.SchemaVersion = TenantState.CurrentSchemaVersion;
        var settings = RuntimeSettings(stored);

        // A switched algorithm gets a new current key at once; the older keys stay published until their tokens expired.
        ApplyKeySchedule(next.SigningKeys, settings, next.UpdatedAt.Value);
        await PersistAsync(next);
        Serve(settings);
        await ScheduleIdleSweepAsync(always: true);
        await ScheduleKeysAsync();
        await Index.Publish(Name);
        return TenantChangeStatus.Ok;
    }

    async Task<TenantChangeStatus> ITenantGrain.Delete()
    {
        if (_configured)
        {
            return TenantChangeStatus.Configured;
        }

        if (!IsRuntimeTenant)
        {
            if (state.State.DeletedAt is not null)
            {
                // A retry of a delete stored before its clean-up finished: finish it (each step is idempotent).
                await CleanUpDeletedAsync();
            }

            DeactivateOnIdle();
            return TenantChangeStatus.NotFound;
        }

        // Keys and identifier key go: a tenant created again under this name accepts none of this one's ids
        // or tokens. The sequence ceiling stays, so its client index never shows this one's clients.
        var now = time.GetUtcNow();
        CancelCountWrite();
        await PersistAsync(new TenantState
        {
            SchemaVersion = TenantState.CurrentSchemaVersion,
            CreatedAt = state.State.CreatedAt,
            UpdatedAt = now,
            DeletedAt = now,
            SequenceCeiling = state.State.SequenceCeiling,
            FirstSequence = state.State.FirstSequence,
        });
        (_settings, _snapshot, _registrations, _adminTokens, _adminBackoff) = (null, null, null, null, null);
        await ScheduleIdleSweepAsync(always: true);
        keyAges.Remove(Name);
        await ScheduleKeysAsync();
        LogTenantDeleted(logger, Name);
        await CleanUpDeletedAsync();
        DeactivateOnIdle();
        return TenantChangeStatus.Ok;
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

    async Task<Admission> ITenantGrain.ReserveClient() => (await ((ITenantGrain)this).ReserveClientSlot()).Admission;

    async Task<ClientSlot> ITenantGrain.ReserveClientSlot()
    {
        if (_settings is null)
        {
            DeactivateOnIdle();
            return ClientSlot.Refused(Admission.UnknownTenant);
        }

        if (state.State.ClientCount >= _settings.Throttles.MaxClients)
        {
            return ClientSlot.Refused(Admission.QuotaReached);
        }

        if (_nextSequence >= state.State.SequenceCeiling)
        {
            await RaiseSequenceCeilingAsync();
        }

        if (!_registrations!.TryTake(time.GetUtcNow(), out var retryAfter))
        {
            return ClientSlot.Refused(Admission.Throttled(AdmissionStatus.RegistrationRate, retryAfter));
        }

        ChangeClientCount(+1);
        return new ClientSlot(Admission.Granted, _nextSequence++);
    }

    Task<ClientSequenceRange> ITenantGrain.ClientSequenceRange()
    {
        if (_settings is null)
        {
            DeactivateOnIdle();
        }

        return Task.FromResult(new ClientSequenceRange(state.State.FirstSequence, _nextSequence));
    }

    Task ITenantGrain.ReleaseClient()
    {
        if (_settings is not null)
        {
            ChangeClientCount(-1);
        }

        return Task.CompletedTask;
    }

    Task<ProtectedSigningKey[]?> ITenantGrain.GetProtectedSigningKeys()
    {
        if (_settings is null)
        {
            DeactivateOnIdle();
            return Task.FromResult<ProtectedSigningKey[]?>(null);
        }

        return Task.FromResult<ProtectedSigningKey[]?>(SigningKeyFactory.Protected(state.State.SigningKeys));
    }

    async Task<SigningKeyInfo[]?> ITenantGrain.ListSigningKeys()
    {
        if (_settings is not { } settings)
        {
            DeactivateOnIdle();
            return null;
        }

        // The list is what holds now: a rotation or retirement due (a timer not yet fired) is done first.
        await MaintainKeysAsync();
        return SigningKeySchedule.Describe(state.State.SigningKeys, TokenLifetime(settings), time.GetUtcNow());
    }

    async Task<SigningKeyInfo[]?> ITenantGrain.RotateSigningKey()
    {
        if (_settings is not { } settings)
        {
            DeactivateOnIdle();
            return null;
        }

        var now = time.GetUtcNow();
        var next = state.State.Copy();
        next.SchemaVersion = TenantState.CurrentSchemaVersion;
        SigningKeySchedule.RotateNow(next.SigningKeys, now, activatesAt => NewKey(settings, now, activatesAt));
        await PersistAsync(next);
        Serve(settings);
        LogKeyRotated(logger, Name, next.SigningKeys[0].KeyId, settings.SigningAlgorithm);
        await ScheduleKeysAsync();
        await Index.Publish(Name);
        return SigningKeySchedule.Describe(state.State.SigningKeys, TokenLifetime(settings), now);
    }

    async Task IRemindable.ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != KeyReminder)
        {
            return;
        }

        if (_settings is null)
        {
            // Deleted (or no longer configured): nothing to rotate.
            await ScheduleKeysAsync();
            DeactivateOnIdle();
            return;
        }

        await MaintainKeysAsync();
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        keyAges.Remove(Name);
        if (_countWrite is not null)
        {
            await WriteCountAsync(cancellationToken);
        }
    }

    /// <summary>
    /// Generates what the tenant lacks (a current signing key of its algorithm, its identifier key), rewrites keys
    /// stored in clear (version 4 and older) protected, does what the key schedule says is due; persists the changes.
    /// </summary>
    private async Task EnsureKeysAsync(TenantSettings settings, CancellationToken cancellationToken)
    {
        var algorithm = settings.SigningAlgorithm;
        var keys = state.State.SigningKeys;
        var protectedKeys = false;
        for (var i = 0; i < keys.Count; i++)
        {
            if (keys[i].Pkcs8PrivateKey is { Length: > 0 })
            {
                keys[i] = SigningKeyFactory.Protect(keys[i], protector);
                protectedKeys = true;
            }
        }

        var before = keys.Count > 0 ? keys[0].KeyId : null;
        var newSigningKey = ApplyKeySchedule(keys, settings, time.GetUtcNow()) || protectedKeys;

        var newIdentifierKey = state.State.IdentifierKey.Length != ClientIdentifiers.KeyBytes;
        if (newIdentifierKey)
        {
            // A tenant stored before identifiers carried a MAC (version 1) has clients whose ids and tokens carry none.
            state.State.IdentifierKey = ClientIdentifiers.NewKey();
            state.State.AcceptsLegacyIdentifiers = state.RecordExists && state.State.SchemaVersion < 2;
        }

        if (newSigningKey || newIdentifierKey)
        {
            state.State.SchemaVersion = TenantState.CurrentSchemaVersion;
            await state.WriteStateAsync(cancellationToken);
            if (keys.Count > 0 && keys[0].KeyId != before)
            {
                LogKeyCreated(logger, settings.Name, keys[0].KeyId, algorithm);
            }
        }
    }

    /// <summary>A runtime tenant's settings from its stored definition, its upstream's secret decrypted.</summary>
    private TenantSettings RuntimeSettings(StoredTenantDefinition stored) =>
        stored.ToSettings(Name, tenants.Development) with { Upstream = upstreams.Unprotect(Name, stored.Upstream) };

    /// <summary>Serves <paramref name="settings"/> from now on (limits start afresh).</summary>
    private void Serve(TenantSettings settings)
    {
        _settings = settings;
        _adminClientIdHash = Secrets.Hash(settings.AdminClientId);
        var limits = settings.Throttles;
        _registrations = new TokenBucket(limits.RegistrationsPerSecond, limits.RegistrationBurst);
        _adminTokens = new TokenBucket(limits.TokenRequestsPerSecond, limits.TokenBurst);
        _adminBackoff = limits.ClientBackoff();
        _snapshot = new TenantSnapshot(
            settings.Name,
            settings.AdminClientId,
            settings.AdminTokenLifetimeSeconds,
            settings.Policy,
            SigningKeyFactory.PublicKeys(state.State.SigningKeys),
            state.State.IdentifierKey,
            state.State.AcceptsLegacyIdentifiers,
            settings.Throttles)
        {
            Upstream = settings.Upstream,
        };
        keyAges.Set(settings.Name, state.State.SigningKeys.Select(k => k.Activation()));
    }

    /// <summary>The longest lifetime of a token a key may have signed: a superseded key stays published that long.</summary>
    private static TimeSpan TokenLifetime(TenantSettings settings) =>
        TimeSpan.FromSeconds(Math.Max(settings.Policy.MaxTokenLifetimeSeconds, settings.AdminTokenLifetimeSeconds));

    private StoredSigningKey NewKey(TenantSettings settings, DateTimeOffset now, DateTimeOffset activatesAt) =>
        SigningKeyFactory.NewProtected(settings.SigningAlgorithm, now, activatesAt, protector);

    /// <summary>Applies the key schedule due at <paramref name="now"/> to <paramref name="keys"/>; true when they changed.</summary>
    private bool ApplyKeySchedule(List<StoredSigningKey> keys, TenantSettings settings, DateTimeOffset now) =>
        SigningKeySchedule.Apply(keys, settings.SigningAlgorithm, settings.Policy.SigningKeyLifetimeSeconds, TokenLifetime(settings), now,
            activatesAt => NewKey(settings, now, activatesAt)).Changed;

    /// <summary>Does what the key schedule says is due now: persists, serves and announces a change; sets the next timer.</summary>
    private async Task MaintainKeysAsync()
    {
        if (_settings is not { } settings)
        {
            return;
        }

        var next = state.State.Copy();
        if (ApplyKeySchedule(next.SigningKeys, settings, time.GetUtcNow()))
        {
            var current = next.SigningKeys[0].KeyId;
            next.SchemaVersion = TenantState.CurrentSchemaVersion;
            await PersistAsync(next);
            Serve(settings);
            LogKeysChanged(logger, Name, current, next.SigningKeys.Count);
            await Index.Publish(Name);
        }

        await ScheduleKeysAsync();
    }

    /// <summary>
    /// Arms the key timer for the schedule's next change (while active) and keeps the reminder that wakes an inactive
    /// tenant registered exactly while the tenant has a schedule (a key lifetime, or superseded keys to retire).
    /// </summary>
    private async Task ScheduleKeysAsync()
    {
        _keyTimer?.Dispose();
        _keyTimer = null;
        TimeSpan? period = null;
        if (_settings is { } settings)
        {
            var now = time.GetUtcNow();
            var lifetime = settings.Policy.SigningKeyLifetimeSeconds;
            var probe = state.State.SigningKeys.ConvertAll(k => k.Copy());
            // A dry run on copies (the placeholder key is never stored): a change due already fires the timer at once.
            var (changed, due) = SigningKeySchedule.Apply(probe, settings.SigningAlgorithm, lifetime, TokenLifetime(settings), now,
                activatesAt => new StoredSigningKey { Algorithm = settings.SigningAlgorithm, CreatedAt = now, ActivatesAt = activatesAt });
            if ((changed ? now : due) is { } at)
            {
                var delay = at - now;
                delay = delay < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : delay > MaxKeyTimerDelay ? MaxKeyTimerDelay : delay;
                _keyTimer = this.RegisterGrainTimer(static (grain, _) => grain.MaintainKeysAsync(), this, new GrainTimerCreationOptions(delay, Timeout.InfiniteTimeSpan));
                period = ReminderPeriod(lifetime);
            }
        }

        if (_reminderChecked && period == _reminderPeriod)
        {
            return;
        }

        try
        {
            if (period is { } p)
            {
                await this.RegisterOrUpdateReminder(KeyReminder, p, p);
            }
            else if (await this.GetReminder(KeyReminder) is { } reminder)
            {
                await this.UnregisterReminder(reminder);
            }

            (_reminderChecked, _reminderPeriod) = (true, period);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The timer still keeps the schedule while the tenant is active; the next change tries again.
            LogReminderFailed(logger, exception, Name);
        }
    }

    /// <summary>How often an inactive tenant is woken: often enough for its key lifetime, at least every minute (Orleans' minimum), at most hourly.</summary>
    internal static TimeSpan ReminderPeriod(int lifetimeSeconds)
    {
        var quarterLead = lifetimeSeconds > 0 ? SigningKeySchedule.Lead(lifetimeSeconds) / 4 : MaxKeyTimerDelay;
        return quarterLead < TimeSpan.FromMinutes(1) ? TimeSpan.FromMinutes(1) : quarterLead > MaxKeyTimerDelay ? MaxKeyTimerDelay : quarterLead;
    }

    /// <summary>
    /// Tells the tenant's idle-client sweep whether the policy wants it (with <paramref name="always"/> also when it
    /// does not: the policy changed or the tenant went). Best effort: the change is stored already, and a sweep left
    /// scheduled drops itself at its next pass; a missing one is asked for again at the tenant's next activation.
    /// </summary>
    private async Task ScheduleIdleSweepAsync(bool always)
    {
        var policy = _settings?.Policy;
        var wanted = policy is not null && (policy.IdleDisableAfterSeconds > 0 || policy.IdleDeleteAfterSeconds > 0);
        if (!wanted && !always)
        {
            return;
        }

        try
        {
            await GrainFactory.GetGrain<IIdleClientSweepGrain>(Name).Schedule(wanted);
        }
        catch (Exception exception)
        {
            LogIdleSweepNotScheduled(logger, exception, Name);
        }
    }

    /// <summary>What a delete leaves to others: the tenant's initial access tokens, its name in the index, the subscribers.</summary>
    private async Task CleanUpDeletedAsync()
    {
        await GrainFactory.GetGrain<IInitialAccessTokensGrain>(Name).RevokeAll();
        await Index.Remove(Name);
        await Index.Publish(Name);
    }

    /// <summary>Writes a new state; if storage fails, the activation keeps the last stored state.</summary>
    private async Task PersistAsync(TenantState next)
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

    /// <summary>Stores a new ceiling before any number beyond the stored one is handed out (a crash then skips numbers, never repeats one).</summary>
    private async Task RaiseSequenceCeilingAsync()
    {
        var previous = (state.State.SequenceCeiling, state.State.SchemaVersion);
        state.State.SequenceCeiling = _nextSequence + SequenceBlock;
        state.State.SchemaVersion = TenantState.CurrentSchemaVersion;
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            (state.State.SequenceCeiling, state.State.SchemaVersion) = previous;
            throw;
        }
    }

    /// <summary>The count changes in memory at once (the quota holds at once) and reaches storage within <see cref="CountWriteDelay"/>.</summary>
    private void ChangeClientCount(long delta)
    {
        state.State.ClientCount = Math.Max(0, state.State.ClientCount + delta);
        _countWrite ??= this.RegisterGrainTimer(WriteCountAsync, new GrainTimerCreationOptions(CountWriteDelay, Timeout.InfiniteTimeSpan));
    }

    private void CancelCountWrite()
    {
        _countWrite?.Dispose();
        _countWrite = null;
    }

    private async Task WriteCountAsync(CancellationToken cancellationToken)
    {
        CancelCountWrite();
        try
        {
            await state.WriteStateAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Kept in memory; the next change (or deactivation) writes it again.
            LogCountNotSaved(logger, exception, Name);
            _countWrite ??= this.RegisterGrainTimer(WriteCountAsync, new GrainTimerCreationOptions(CountWriteDelay, Timeout.InfiniteTimeSpan));
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Tenant '{Tenant}': could not schedule or unschedule the idle-client sweep")]
    private static partial void LogIdleSweepNotScheduled(ILogger logger, Exception exception, string tenant);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Tenant '{Tenant}': could not save the client count; retrying")]
    private static partial void LogCountNotSaved(ILogger logger, Exception exception, string tenant);

    [LoggerMessage(Level = LogLevel.Information, Message = "Tenant '{Tenant}': created {Algorithm} signing key {KeyId}")]
    private static partial void LogKeyCreated(ILogger logger, string tenant, string keyId, string algorithm);

    [LoggerMessage(Level = LogLevel.Information, Message = "Tenant '{Tenant}': signing key rotated on demand, new {Algorithm} key {KeyId} signs now")]
    private static partial void LogKeyRotated(ILogger logger, string tenant, string keyId, string algorithm);

    [LoggerMessage(Level = LogLevel.Information, Message = "Tenant '{Tenant}': signing keys changed on schedule (newest {KeyId}, {Count} published)")]
    private static partial void LogKeysChanged(ILogger logger, string tenant, string keyId, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Tenant '{Tenant}': could not register or remove the signing-key reminder; the schedule runs while the tenant is active")]
    private static partial void LogReminderFailed(ILogger logger, Exception exception, string tenant);

    [LoggerMessage(Level = LogLevel.Information, Message = "Tenant '{Tenant}' created at runtime, {Algorithm} signing key {KeyId}")]
    private static partial void LogTenantCreated(ILogger logger, string tenant, string keyId, string algorithm);

    [LoggerMessage(Level = LogLevel.Information, Message = "Tenant '{Tenant}' deleted: its keys and identifier key are discarded")]
    private static partial void LogTenantDeleted(ILogger logger, string tenant);
}
