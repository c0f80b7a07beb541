using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using Registry.Grains.Abstractions;

namespace Registry.Grains.Lifecycle;

/// <summary>
/// A tenant's idle-client sweep. Its Orleans reminder (kept by the cluster's reminder service, so the sweep runs
/// wherever the grain lives and after silo restarts) starts a pass every <see cref="IdleSweepOptions.Interval"/>.
/// A pass reads the tenant's policy and client index pages, and activates only the clients a page names as
/// candidates; each decides from its own state. With the tenant gone or its policy reaping nothing, the pass drops
/// the reminder. Reentrant, so the tenant grain's <see cref="IIdleClientSweepGrain.Schedule"/> never waits behind a
/// pass that is itself waiting for the tenant grain.
/// </summary>
/// <remarks>The grain type name is part of every reminder's key: keep it stable.</remarks>
[GrainType(RegistryGrainTypes.IdleClientSweep)]
[Reentrant]
internal sealed partial class IdleClientSweepGrain(
    IOptions<IdleSweepOptions> options,
    TimeProvider time,
    ILogger<IdleClientSweepGrain> logger) : Grain, IIdleClientSweepGrain, IRemindable
{
    internal const string ReminderName = "idle-client-sweep";

    /// <summary>Candidates asked at once: a pass finishes in reasonable time without flooding the silo with activations.</summary>
    internal const int Parallelism = 8;

    private Task<IdleSweepResult>? _pass;

    /// <summary>This activation registered (or found) the reminder.</summary>
    private bool _scheduled;

    private string Tenant => this.GetPrimaryKeyString();

    private TimeSpan Interval => options.Value.Interval < IdleSweepOptions.MinInterval ? IdleSweepOptions.MinInterval : options.Value.Interval;

    async Task IIdleClientSweepGrain.Schedule(bool enabled)
    {
        if (!enabled)
        {
            await UnscheduleAsync();
            return;
        }

        if (_scheduled)
        {
            return;
        }

        // A reminder found is kept as it is: registering it again would push its next tick back each time the
        // tenant grain activates. A changed interval is taken up at the next tick (see ReceiveReminder).
        if (await this.GetReminder(ReminderName) is null)
        {
            await this.RegisterOrUpdateReminder(ReminderName, Interval, Interval);
            LogScheduled(logger, Tenant, Interval);
        }

        _scheduled = true;
    }

    Task<IdleSweepResult> IIdleClientSweepGrain.SweepNow() => Pass();

    async Task IRemindable.ReceiveReminder(string reminderName, TickStatus status)
    {
        if (!string.Equals(reminderName, ReminderName, StringComparison.Ordinal))
        {
            if (await this.GetReminder(reminderName) is { } stray)
            {
                await this.UnregisterReminder(stray);
            }

            return;
        }

        if (status.Period != Interval)
        {
            await this.RegisterOrUpdateReminder(ReminderName, Interval, Interval);
            LogScheduled(logger, Tenant, Interval);
        }

        await Pass();
    }

    /// <summary>The running pass, or a new one.</summary>
    private Task<IdleSweepResult> Pass() => _pass is { IsCompleted: false } running ? running : _pass = SweepAsync();

    private async Task<IdleSweepResult> SweepAsync()
    {
        var tenant = GrainFactory.GetGrain<ITenantGrain>(Tenant);
        var policy = (await tenant.GetSnapshot())?.Policy;
        if (policy is null || (policy.IdleDisableAfterSeconds <= 0 && policy.IdleDeleteAfterSeconds <= 0))
        {
            await UnscheduleAsync();
            return IdleSweepResult.Off;
        }

        var (disable, delete) = (policy.IdleDisableAfterSeconds, policy.IdleDeleteAfterSeconds);
        var range = await tenant.ClientSequenceRange();
        var now = time.GetUtcNow();

        // Enabled clients idle for the first period; clients the sweep disabled, for the delete period. The index's
        // last activity is never later than a client's, so every idle client is among the candidates.
        var idleAfter = disable > 0 ? disable : delete;
        DateTimeOffset? activeBefore = now - TimeSpan.FromSeconds(idleAfter);
        DateTimeOffset? idleDisabledBefore = delete > 0 ? now - TimeSpan.FromSeconds(delete) : null;

        var (pages, candidates, disabled, deleted, failed) = (0, 0, 0, 0, 0);
        var first = Math.Max(0, range.First);
        if (range.Next > first)
        {
            for (var page = ClientIndexKey.PageOf(first); page <= ClientIndexKey.PageOf(range.Next - 1); page++)
            {
                pages++;
                var found = await GrainFactory.GetGrain<IClientIndexGrain>(ClientIndexKey.Of(Tenant, page)).IdleCandidates(activeBefore, idleDisabledBefore);
                var mine = found.Where(e => e.Sequence >= first && e.Sequence < range.Next).ToArray();
                candidates += mine.Length;
                foreach (var batch in mine.Chunk(Parallelism))
                {
                    foreach (var result in await Task.WhenAll(batch.Select(e => ReapAsync(e.ClientId, disable, delete))))
                    {
                        (disabled, deleted, failed) = result switch
                        {
                            IdleReapResult.Disabled => (disabled + 1, deleted, failed),
                            IdleReapResult.Deleted => (disabled, deleted + 1, failed),
                            null => (disabled, deleted, failed + 1),
                            _ => (disabled, deleted, failed),
                        };
                    }
                }
            }
        }

        var outcome = new IdleSweepResult(true, pages, candidates, disabled, deleted, failed);
        LogPass(logger, Tenant, pages, candidates, disabled, deleted, failed);
        return outcome;
    }

    /// <summary>One candidate's step; null when it failed (logged; the next pass asks again).</summary>
    private async Task<IdleReapResult?> ReapAsync(string clientId, int disable, int delete)
    {
        try
        {
            return await GrainFactory.GetGrain<IClientGrain>(ClientKey.Of(Tenant, clientId)).ReapIfIdle(disable, delete);
        }
        catch (Exception exception)
        {
            LogReapFailed(logger, exception, Tenant, clientId);
            return null;
        }
    }

    private async Task UnscheduleAsync()
    {
        _scheduled = false;
        if (await this.GetReminder(ReminderName) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
            LogUnscheduled(logger, Tenant);
        }

        DeactivateOnIdle();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Tenant '{Tenant}': idle-client sweep scheduled every {Period}")]
    private static partial void LogScheduled(ILogger logger, string tenant, TimeSpan period);

    [LoggerMessage(Level = LogLevel.Information, Message = "Tenant '{Tenant}': idle-client sweep unscheduled (the tenant is gone or its policy reaps no clients)")]
    private static partial void LogUnscheduled(ILogger logger, string tenant);

    [LoggerMessage(Level = LogLevel.Information, Message = "Tenant '{Tenant}': idle-client sweep read {Pages} index pages, asked {Candidates} candidates: {Disabled} disabled, {Deleted} deleted, {Failed} failed")]
    private static partial void LogPass(ILogger logger, string tenant, int pages, int candidates, int disabled, int deleted, int failed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Tenant '{Tenant}': the idle-client sweep could not check client {ClientId}; the next pass tries again")]
    private static partial void LogReapFailed(ILogger logger, Exception exception, string tenant, string clientId);
}
