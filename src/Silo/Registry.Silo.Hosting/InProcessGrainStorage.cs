using System.Collections.Concurrent;
using System.Globalization;
using Orleans.Storage;

namespace Registry.Silo.Hosting;

/// <summary>
/// Grain storage for the embedded default (one silo, nothing durable): each state is kept in this process
/// as the bytes the configured grain storage serializer (System.Text.Json) produces, exactly what Azure
/// Table storage would hold. Unlike Orleans' MemoryGrainStorage, which keeps object graphs in storage
/// grains reached through grain calls, a read or write here is a dictionary operation, and an idle client
/// costs only its serialized state.
/// </summary>
public sealed class InProcessGrainStorage(IGrainStorageSerializer serializer) : IGrainStorage
{
    private readonly ConcurrentDictionary<string, Row> _rows = new(StringComparer.Ordinal);
    private long _etag;

    /// <summary>The stored bytes of a state (for inspection by operators' tooling and tests).</summary>
    public BinaryData? Stored(string stateName, GrainId grainId) => _rows.TryGetValue(Key(stateName, grainId), out var row) ? row.Data : null;

    /// <summary>Puts a state in place as if it had been stored before (e.g. by an earlier version).</summary>
    public void Put(string stateName, GrainId grainId, BinaryData data) =>
        _rows[Key(stateName, grainId)] = new Row(data, Interlocked.Increment(ref _etag).ToString(CultureInfo.InvariantCulture));

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (_rows.TryGetValue(Key(stateName, grainId), out var row))
        {
            grainState.State = serializer.Deserialize<T>(row.Data);
            grainState.ETag = row.ETag;
            grainState.RecordExists = true;
        }

        return Task.CompletedTask;
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var key = Key(stateName, grainId);
        var written = new Row(serializer.Serialize(grainState.State), Interlocked.Increment(ref _etag).ToString(CultureInfo.InvariantCulture));
        var stored = grainState.ETag is { } expected
            ? _rows.TryGetValue(key, out var current) && current.ETag == expected && _rows.TryUpdate(key, written, current)
            : _rows.TryAdd(key, written);
        if (!stored)
        {
            throw new InconsistentStateException($"The stored state of {grainId} changed since it was read", _rows.TryGetValue(key, out var now) ? now.ETag : "", grainState.ETag ?? "");
        }

        grainState.ETag = written.ETag;
        grainState.RecordExists = true;
        return Task.CompletedTask;
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        _rows.TryRemove(Key(stateName, grainId), out _);
        grainState.ETag = null;
        grainState.RecordExists = false;
        return Task.CompletedTask;
    }

    private static string Key(string stateName, GrainId grainId) => string.Concat(stateName, "|", grainId.ToString());

    private sealed record Row(BinaryData Data, string ETag);
}
