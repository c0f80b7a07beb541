using Orleans.Storage;
using Registry.Silo.Hosting;

namespace Registry.Grains.Tests;

/// <summary>
/// The production in-process store (plain System.Text.Json, as Azure Table storage holds it), wrapped to
/// count writes, fail on demand and show what is stored, registered under the production storage name.
/// </summary>
public sealed class JsonGrainStorage(IGrainStorageSerializer serializer) : IGrainStorage
{
    private readonly InProcessGrainStorage _store = new(serializer);
    private int _writes;

    public int Writes => Volatile.Read(ref _writes);

    public bool FailWrites { get; set; }

    public string? Json(string stateName, GrainId grainId) => _store.Stored(stateName, grainId)?.ToString();

    /// <summary>Puts a row in place, as if an earlier version of the service had stored it.</summary>
    public void Seed(string stateName, GrainId grainId, string json) => _store.Seed(stateName, grainId, BinaryData.FromString(json));

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => _store.ReadStateAsync(stateName, grainId, grainState);

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (FailWrites)
        {
            throw new IOException("storage unavailable (test)");
        }

        await _store.WriteStateAsync(stateName, grainId, grainState);
        Interlocked.Increment(ref _writes);
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => _store.ClearStateAsync(stateName, grainId, grainState);
}
