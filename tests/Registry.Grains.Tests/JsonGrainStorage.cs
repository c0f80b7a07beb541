using System.Collections.Concurrent;
using System.Text.Json;
using Orleans.Storage;

namespace Registry.Grains.Tests;

/// <summary>
/// Test grain storage registered under the production name: keeps each state as the JSON System.Text.Json
/// writes (as the Azure Table provider with the System.Text.Json serializer does), counts writes, and can
/// be told to fail, so tests see exactly what would be stored.
/// </summary>
public sealed class JsonGrainStorage : IGrainStorage
{
    private readonly ConcurrentDictionary<string, (string Json, string ETag)> _rows = new();
    private int _etag;

    private int _writes;

    public int Writes => Volatile.Read(ref _writes);

    public bool FailWrites { get; set; }

    public string? Json(string stateName, GrainId grainId) => _rows.TryGetValue(Key(stateName, grainId), out var row) ? row.Json : null;

    public IEnumerable<string> AllJson => _rows.Values.Select(r => r.Json);

    /// <summary>Puts a row in place, as if an earlier version of the service had stored it.</summary>
    public void Seed(string stateName, GrainId grainId, string json) => _rows[Key(stateName, grainId)] = (json, "seed");

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (_rows.TryGetValue(Key(stateName, grainId), out var row))
        {
            grainState.State = JsonSerializer.Deserialize<T>(row.Json)!;
            grainState.ETag = row.ETag;
            grainState.RecordExists = true;
        }

        return Task.CompletedTask;
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (FailWrites)
        {
            throw new IOException("storage unavailable (test)");
        }

        var key = Key(stateName, grainId);
        if (_rows.TryGetValue(key, out var existing) && existing.ETag != grainState.ETag)
        {
            throw new InconsistentStateException("etag mismatch", existing.ETag, grainState.ETag ?? "");
        }

        var etag = Interlocked.Increment(ref _etag).ToString(System.Globalization.CultureInfo.InvariantCulture);
        _rows[key] = (JsonSerializer.Serialize(grainState.State), etag);
        grainState.ETag = etag;
        grainState.RecordExists = true;
        Interlocked.Increment(ref _writes);
        return Task.CompletedTask;
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        _rows.TryRemove(Key(stateName, grainId), out _);
        grainState.ETag = null;
        grainState.RecordExists = false;
        return Task.CompletedTask;
    }

    private static string Key(string stateName, GrainId grainId) => $"{stateName}|{grainId}";
}
