using Microsoft.Extensions.Logging;
using Orleans.Concurrency;
using Registry.Grains.Abstractions;

namespace Registry.Grains.Index;

/// <summary>
/// One page of a tenant's client index. Consecutive registrations all land here, so writes are grouped: the
/// grain is reentrant, changes queue up, and one write at a time stores every change queued before it began
/// (group commit). A caller's task completes when the write holding its change is stored, and fails when that
/// write fails; listings read only what is stored. Cost per registration: one grain call, and a share of one
/// page write (under load many registrations share a write).
/// </summary>
/// <remarks>The grain type name is part of every stored row's key: keep it stable.</remarks>
[GrainType(RegistryGrainTypes.ClientIndex)]
[Reentrant]
internal sealed partial class ClientIndexGrain(
    [PersistentState(RegistryGrainTypes.ClientIndex, RegistryStorage.Name)] IPersistentState<ClientIndexPageState> state,
    ILogger<ClientIndexGrain> logger) : Grain, IClientIndexGrain
{
    private List<Change> _queued = [];
    private bool _writing;

    /// <summary>The entries as stored, ascending by sequence; replaced (never changed) by each successful write.</summary>
    private List<StoredClientIndexEntry> _stored = [];

    private long? _page;

    private long Page => _page ??= ClientIndexKey.Parse(this.GetPrimaryKeyString()).Page;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _stored = Sorted(state.State.Entries);
        return Task.CompletedTask;
    }

    Task IClientIndexGrain.Add(ClientIndexEntry entry) => Enqueue(Put(entry));

    Task IClientIndexGrain.Update(ClientIndexEntry entry) => Enqueue(Put(entry));

    Task IClientIndexGrain.Remove(long sequence)
    {
        CheckPage(sequence);
        return Enqueue(new Change(sequence, null));
    }

    Task<ClientIndexEntry[]> IClientIndexGrain.List(long maxSequence, int limit, string? softwareId, string? clientNamePrefix)
    {
        var entries = _stored;
        var found = new List<ClientIndexEntry>(Math.Clamp(limit, 0, 64));
        var software = ClientIndexText.Cut(softwareId);
        var prefix = ClientIndexText.Cut(clientNamePrefix);
        for (var i = LastAtOrBelow(entries, maxSequence); i >= 0 && found.Count < limit; i--)
        {
            var entry = entries[i];
            if ((software is null || string.Equals(entry.SoftwareId, software, StringComparison.Ordinal))
                && (prefix is null || (entry.ClientName?.StartsWith(prefix, StringComparison.Ordinal) ?? false)))
            {
                found.Add(entry.ToEntry());
            }
        }

        return Task.FromResult(found.ToArray());
    }

    Task<ClientIndexEntry[]> IClientIndexGrain.IdleCandidates(DateTimeOffset? activeBefore, DateTimeOffset? idleDisabledBefore)
    {
        if (activeBefore is null && idleDisabledBefore is null)
        {
            return Task.FromResult<ClientIndexEntry[]>([]);
        }

        return Task.FromResult(_stored.Where(e => e.IsIdleCandidate(activeBefore, idleDisabledBefore)).Select(e => e.ToEntry()).ToArray());
    }

    private Change Put(ClientIndexEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentException.ThrowIfNullOrEmpty(entry.ClientId);
        CheckPage(entry.Sequence);
        return new Change(entry.Sequence, StoredClientIndexEntry.From(entry));
    }

    private void CheckPage(long sequence)
    {
        if (sequence < 0 || ClientIndexKey.PageOf(sequence) != Page)
        {
            throw new ArgumentOutOfRangeException(nameof(sequence), sequence, $"sequence {sequence} does not belong to page {Page}");
        }
    }

    private Task Enqueue(Change change)
    {
        _queued.Add(change);
        if (!_writing)
        {
            _writing = true;
            _ = WriteQueuedAsync();
        }

        return change.Done.Task;
    }

    /// <summary>Writes batch after batch until nothing is queued; runs once at a time (on the activation's scheduler).</summary>
    private async Task WriteQueuedAsync()
    {
        try
        {
            while (_queued.Count > 0)
            {
                var batch = _queued;
                _queued = [];
                await WriteAsync(batch);
            }
        }
        finally
        {
            _writing = false;
        }
    }

    private async Task WriteAsync(List<Change> batch)
    {
        var next = new List<StoredClientIndexEntry>(_stored);
        var changed = false;
        foreach (var change in batch)
        {
            changed |= Apply(next, change);
        }

        if (!changed)
        {
            batch.ForEach(c => c.Done.TrySetResult());
            return;
        }

        var stored = state.State;
        state.State = new ClientIndexPageState { SchemaVersion = ClientIndexPageState.CurrentSchemaVersion, Entries = next };
        try
        {
            await state.WriteStateAsync();
        }
        catch (Exception exception)
        {
            state.State = stored;
            LogWriteFailed(logger, exception, this.GetPrimaryKeyString(), batch.Count);
            batch.ForEach(c => c.Done.TrySetException(exception));
            await ReloadAsync();
            return;
        }

        _stored = next;
        batch.ForEach(c => c.Done.TrySetResult());
    }

    /// <summary>
    /// After a failed write, what storage holds is the truth (a write that timed out may still have happened, and
    /// then the stored ETag moved on): read it again; if that fails too, a new activation will.
    /// </summary>
    private async Task ReloadAsync()
    {
        try
        {
            await state.ReadStateAsync();
            _stored = Sorted(state.State.Entries);
        }
        catch (Exception exception)
        {
            LogWriteFailed(logger, exception, this.GetPrimaryKeyString(), 0);
            DeactivateOnIdle();
        }
    }

    /// <summary>Applies one change to <paramref name="entries"/>; answers whether it changed anything.</summary>
    private static bool Apply(List<StoredClientIndexEntry> entries, Change change)
    {
        var at = IndexOf(entries, change.Sequence);
        if (change.Entry is null)
        {
            if (at < 0)
            {
                return false;
            }

            entries.RemoveAt(at);
            return true;
        }

        if (at < 0)
        {
            entries.Insert(~at, change.Entry);
            return true;
        }

        if (entries[at] == change.Entry)
        {
            return false;
        }

        entries[at] = change.Entry;
        return true;
    }

    /// <summary>The position of <paramref name="sequence"/>, or the complement of where it would go.</summary>
    private static int IndexOf(List<StoredClientIndexEntry> entries, long sequence)
    {
        var (low, high) = (0, entries.Count - 1);
        while (low <= high)
        {
            var middle = low + ((high - low) / 2);
            var found = entries[middle].Sequence;
            if (found == sequence)
            {
                return middle;
            }

            if (found < sequence)
            {
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }

        return ~low;
    }

    private static int LastAtOrBelow(List<StoredClientIndexEntry> entries, long sequence)
    {
        var at = IndexOf(entries, sequence);
        return at >= 0 ? at : ~at - 1;
    }

    private static List<StoredClientIndexEntry> Sorted(List<StoredClientIndexEntry> entries) =>
        [.. entries.OrderBy(e => e.Sequence)];

    [LoggerMessage(Level = LogLevel.Warning, Message = "Client index page {Page}: a write of {Changes} changes failed")]
    private static partial void LogWriteFailed(ILogger logger, Exception exception, string page, int changes);

    /// <summary>A queued change: the entry to put, or null to remove the sequence; completed once stored.</summary>
    private sealed record Change(long Sequence, StoredClientIndexEntry? Entry)
    {
        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
