using Orleans.Serialization.Cloning;
using Registry.Protocol.Metadata;

namespace Registry.Grains;

// Registry.Protocol's records are immutable (init-only properties, read-only collections, never mutated
// after construction), so a "deep copy" may be the same instance. Without these, Orleans copies them
// through the System.Text.Json codec (serialize + parse) on every in-process call and state copy.

[RegisterCopier]
internal sealed class ClientMetadataCopier : IDeepCopier<ClientMetadata>
{
    public ClientMetadata? DeepCopy(ClientMetadata? input, CopyContext context) => input;
}

[RegisterCopier]
internal sealed class ClientInformationCopier : IDeepCopier<ClientInformation>
{
    public ClientInformation? DeepCopy(ClientInformation? input, CopyContext context) => input;
}

[RegisterCopier]
internal sealed class RegistrationPolicyCopier : IDeepCopier<RegistrationPolicy>
{
    public RegistrationPolicy? DeepCopy(RegistrationPolicy? input, CopyContext context) => input;
}
