using System.Collections.Concurrent;
using Orleans.Storage;
using Registry.Silo.Hosting;

namespace Registry.Grains.Tests;

/// <summary>
/// The production in-process store (plain System.Text.Json, as Azure Table storage holds it), wrapped to
/// count writes and fail them on demand, per grain (tests running side by side never see each other's
/// failures or counts), and to show what is stored. Registered under the production storage name.
/// </summary>
public sealed class JsonGrainStorage(IGrainStorageSerializer serializer) : IGrainStorage
{
    private readonly InProcessGrainStorage _store = new(serializer);
    private readonly ConcurrentDictionary<GrainId, int> _writes = new();
    private readonly ConcurrentDictionary<GrainId, bool> _failing = new();
    private readonly ConcurrentDictionary<GrainId, TimeSpan> _slow = new();

    /// <summary>Successful writes of one grain's state so far.</summary>
    public int WritesOf(GrainId grainId) => _writes.GetValueOrDefault(grainId);

    /// <summary>Writes of this grain fail (as a storage outage would) until the returned value is disposed.</summary>
    public IDisposable FailWritesOf(GrainId grainId)
    {
        _failing[grainId] = true;
        return new Restore(() => _failing.TryRemove(grainId, out _));
    }

    /// <summary>Writes of this grain take <paramref name="delay"/> longer (a slow store) until the returned value is disposed.</summary>
    public IDisposable DelayWritesOf(GrainId grainId, TimeSpan delay)
    {
        _slow[grainId] = delay;
        return new Restore(() => _slow.TryRemove(grainId, out _));
    }

    public string? Json(string stateName, GrainId grainId) => _store.Stored(stateName, grainId)?.ToString();

    /// <summary>Puts a row in place, as if an earlier version of the service had stored it.</summary>
    public void Put(string stateName, GrainId grainId, string json) => _store.Put(stateName, grainId, BinaryData.FromString(json));

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => _store.ReadStateAsync(stateName, grainId, grainState);

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (_slow.TryGetValue(grainId, out var delay))
        {
            await Task.Delay(delay);
        }

        if (_failing.ContainsKey(grainId))
        {
            throw new IOException("storage unavailable (test)");
        }

        await _store.WriteStateAsync(stateName, grainId, grainState);
        _writes.AddOrUpdate(grainId, 1, (_, count) => count + 1);
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => _store.ClearStateAsync(stateName, grainId, grainState);

    private sealed class Restore(Action undo) : IDisposable
    {
        public void Dispose() => undo();
    }
}
