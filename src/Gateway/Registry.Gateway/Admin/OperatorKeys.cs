using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;
using Registry.Gateway.Http;
using Registry.Gateway.Tokens;
using Registry.Grains.Abstractions;

namespace Registry.Gateway.Admin;

/// <summary>
/// The key operator tokens are signed with, shared by every gateway: the operator grain generates and stores it,
/// each gateway loads it once (and again every <see cref="RefreshAfter"/>, so a new key reaches every gateway).
/// </summary>
internal sealed class OperatorKeys(IGrainFactory grains, GrainCalls calls, TimeProvider time) : IDisposable
{
    public static readonly TimeSpan RefreshAfter = TimeSpan.FromMinutes(10);

    private readonly SemaphoreSlim _loading = new(1, 1);
    private Loaded? _current;

    public async ValueTask<Loaded> GetAsync(CancellationToken cancellationToken)
    {
        if (_current is { } current && time.GetUtcNow() - current.LoadedAt < RefreshAfter)
        {
            return current;
        }

        await _loading.WaitAsync(cancellationToken);
        try
        {
            if (_current is { } again && time.GetUtcNow() - again.LoadedAt < RefreshAfter)
            {
                return again;
            }

            var material = await calls.RetryAsync(grains.GetGrain<IOperatorGrain>(IOperatorGrain.Key), g => g.GetSigningKeys(), cancellationToken);

            // Requests still using the previous key objects finish with them: they are collected, not disposed.
            return _current = new Loaded(material, time.GetUtcNow());
        }
        finally
        {
            _loading.Release();
        }
    }

    public void Dispose()
    {
        _current?.Dispose();
        _loading.Dispose();
    }

    /// <summary>Key objects made once per load: the newest key signs, every key validates.</summary>
    internal sealed class Loaded : IDisposable
    {
        private readonly List<AsymmetricAlgorithm> _keys = [];

        public Loaded(SigningKeyMaterial[] material, DateTimeOffset loadedAt)
        {
            LoadedAt = loadedAt;
            var keys = new List<SecurityKey>();
            foreach (var key in material)
            {
                keys.Add(SigningKeys.Load(key, _keys).Key);
            }

            ValidationKeys = keys;
            SigningCredentials = new SigningCredentials(keys[0], material[0].Algorithm);
            Algorithms = [.. material.Select(k => k.Algorithm).Distinct(StringComparer.Ordinal)];
        }

        public DateTimeOffset LoadedAt { get; }

        public SigningCredentials SigningCredentials { get; }

        public IReadOnlyList<SecurityKey> ValidationKeys { get; }

        public IReadOnlyList<string> Algorithms { get; }

        public void Dispose()
        {
            foreach (var key in _keys)
            {
                key.Dispose();
            }
        }
    }
}
