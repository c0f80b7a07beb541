using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Registry.Grains.Configuration;
using Registry.Protocol.Security;

namespace Registry.Grains.Tenants;

/// <summary>
/// One tenant. Serves its configured policy and bootstrap admin client, and owns its signing keys: an
/// RS256 key is generated on first use and persisted, so tokens stay valid across restarts when the
/// grain storage is durable.
/// </summary>
/// <remarks>The grain type name is part of every stored row's key: keep it stable.</remarks>
[GrainType("tenant")]
internal sealed partial class TenantGrain(
    [PersistentState("tenant", RegistryStorage.Name)] IPersistentState<TenantState> state,
    TenantDirectory tenants,
    TimeProvider time,
    ILogger<TenantGrain> logger) : Grain, ITenantGrain
{
    private const string SigningAlgorithm = "RS256";
    private const int RsaKeySize = 2048;

    private TenantSettings? _settings;
    private TenantSnapshot? _snapshot;
    private byte[] _adminClientIdHash = [];

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _settings = tenants.Find(this.GetPrimaryKeyString());
        if (_settings is null)
        {
            return;
        }

        _adminClientIdHash = Secrets.Hash(_settings.AdminClientId);
        if (state.State.SigningKeys.Count == 0)
        {
            state.State.SigningKeys.Add(NewRsaKey());
            await state.WriteStateAsync(cancellationToken);
            LogKeyCreated(logger, _settings.Name, state.State.SigningKeys[0].KeyId);
        }

        _snapshot = new TenantSnapshot(
            _settings.Name,
            _settings.AdminClientId,
            _settings.AdminTokenLifetimeSeconds,
            _settings.Policy,
            [.. state.State.SigningKeys.Select(k => new SigningKeyMaterial(k.KeyId, k.Algorithm, k.Pkcs8PrivateKey, k.CreatedAt))]);
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

    Task<bool> ITenantGrain.AuthenticateAdmin(string clientId, string clientSecret)
    {
        if (_settings is null)
        {
            DeactivateOnIdle();
            return Task.FromResult(false);
        }

        // Both checks always run, so timing tells nothing about which one failed.
        var idMatches = Secrets.Matches(clientId, _adminClientIdHash);
        var secretMatches = Secrets.Matches(clientSecret, _settings.AdminSecretHash);
        return Task.FromResult(idMatches & secretMatches);
    }

    private StoredSigningKey NewRsaKey()
    {
        using var rsa = RSA.Create(RsaKeySize);
        return new StoredSigningKey
        {
            KeyId = PublicJwk.FromRsa(rsa.ExportParameters(false), SigningAlgorithm).Kid,
            Algorithm = SigningAlgorithm,
            Pkcs8PrivateKey = rsa.ExportPkcs8PrivateKey(),
            CreatedAt = time.GetUtcNow(),
        };
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Tenant '{Tenant}': created signing key {KeyId}")]
    private static partial void LogKeyCreated(ILogger logger, string tenant, string keyId);
}
