using Microsoft.Extensions.Logging;
using Registry.Grains.Abstractions;
using Registry.Grains.Tenants;
using Registry.Protocol.Security;

namespace Registry.Grains.Operators;

/// <summary>
/// The operator of the deployment: owns the signing key of the admin API's tokens, an ES256 key generated on
/// first use and persisted (like a tenant's), so admin tokens stay valid across restarts. The private key is stored
/// only protected with the silo's Data Protection key ring (a version 1 document's clear key is rewritten protected on
/// first use) and decrypted here for the gateway, which signs the (few) admin tokens itself.
/// </summary>
/// <remarks>The grain type name is part of its stored row's key: keep it stable.</remarks>
[GrainType(RegistryGrainTypes.Operator)]
internal sealed partial class OperatorGrain(
    [PersistentState("operator", RegistryStorage.Name)] IPersistentState<OperatorState> state,
    TimeProvider time,
    ISigningKeyProtector protector,
    ILogger<OperatorGrain> logger) : Grain, IOperatorGrain
{
    private const string Algorithm = JoseAlgorithms.ES256;

    private SigningKeyMaterial[]? _keys;

    async Task<SigningKeyMaterial[]> IOperatorGrain.GetSigningKeys()
    {
        if (_keys is not null)
        {
            return _keys;
        }

        var keys = state.State.SigningKeys.ConvertAll(k => k.Pkcs8PrivateKey is { Length: > 0 } ? SigningKeyFactory.Protect(k, protector) : k);
        var legacy = state.State.SigningKeys.Any(k => k.Pkcs8PrivateKey is { Length: > 0 });
        StoredSigningKey? created = null;
        if (!keys.Any(k => k.Algorithm == Algorithm))
        {
            var now = time.GetUtcNow();
            created = SigningKeyFactory.NewProtected(Algorithm, now, now, protector);
            keys.Insert(0, created);
        }

        if (legacy || created is not null)
        {
            var previous = (state.State.SigningKeys, state.State.SchemaVersion);
            (state.State.SigningKeys, state.State.SchemaVersion) = (keys, OperatorState.CurrentSchemaVersion);
            try
            {
                await state.WriteStateAsync();
            }
            catch
            {
                (state.State.SigningKeys, state.State.SchemaVersion) = previous;
                throw;
            }

            if (created is not null)
            {
                LogKeyCreated(logger, created.KeyId, Algorithm);
            }
        }

        return _keys = SigningKeyFactory.Material(state.State.SigningKeys, Algorithm, protector);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Operator: created {Algorithm} signing key {KeyId}")]
    private static partial void LogKeyCreated(ILogger logger, string keyId, string algorithm);
}
