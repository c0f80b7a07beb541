using Microsoft.Extensions.Logging;
using Registry.Grains.Abstractions;
using Registry.Grains.Tenants;
using Registry.Protocol.Security;

namespace Registry.Grains.Operators;

/// <summary>
/// The operator of the deployment: owns the signing key of the admin API's tokens, an ES256 key generated on
/// first use and persisted (like a tenant's), so admin tokens stay valid across restarts.
/// </summary>
/// <remarks>The grain type name is part of its stored row's key: keep it stable.</remarks>
[GrainType(RegistryGrainTypes.Operator)]
internal sealed partial class OperatorGrain(
    [PersistentState("operator", RegistryStorage.Name)] IPersistentState<OperatorState> state,
    TimeProvider time,
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

        if (!state.State.SigningKeys.Any(k => k.Algorithm == Algorithm))
        {
            var key = SigningKeyFactory.New(Algorithm, time.GetUtcNow());
            state.State.SigningKeys.Insert(0, key);
            state.State.SchemaVersion = OperatorState.CurrentSchemaVersion;
            try
            {
                await state.WriteStateAsync();
            }
            catch
            {
                state.State.SigningKeys.Remove(key);
                throw;
            }

            LogKeyCreated(logger, key.KeyId, Algorithm);
        }

        return _keys = SigningKeyFactory.Material(state.State.SigningKeys, Algorithm);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Operator: created {Algorithm} signing key {KeyId}")]
    private static partial void LogKeyCreated(ILogger logger, string keyId, string algorithm);
}
