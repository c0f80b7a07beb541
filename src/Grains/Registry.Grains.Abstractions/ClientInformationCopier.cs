using Orleans.Serialization.Cloning;
using Registry.Protocol.Metadata;

namespace Registry.Grains.Abstractions;

/// <summary>
/// Registry.Protocol's records are immutable (init-only properties, read-only collections, never mutated after
/// construction), so a "deep copy" may be the same instance. Without this, Orleans copies them through the
/// System.Text.Json codec (serialize + parse) on every in-process call and state copy.
/// </summary>
[RegisterCopier]
internal sealed class ClientInformationCopier : IDeepCopier<ClientInformation>
{
    public ClientInformation? DeepCopy(ClientInformation? input, CopyContext context) => input;
}
