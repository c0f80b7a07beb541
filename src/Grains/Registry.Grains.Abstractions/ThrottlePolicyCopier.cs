using Orleans.Serialization.Cloning;
using Registry.Protocol.Throttling;

namespace Registry.Grains.Abstractions;

/// <summary>Immutable like <see cref="RegistrationPolicyCopier"/>'s records: the copy is the instance.</summary>
[RegisterCopier]
internal sealed class ThrottlePolicyCopier : IDeepCopier<ThrottlePolicy>
{
    public ThrottlePolicy? DeepCopy(ThrottlePolicy? input, CopyContext context) => input;
}
