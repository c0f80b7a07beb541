using Orleans.Serialization;
using Registry.Protocol.Metadata;

namespace Registry.Grains.Abstractions;

/// <summary>
/// Registry.Protocol is a plain library (no Orleans attributes), so its types cross the wire through
/// Orleans' System.Text.Json codec. Silo and client must both call this.
/// </summary>
public static class RegistrySerialization
{
    public static ISerializerBuilder AddRegistryProtocolTypes(this ISerializerBuilder builder) =>
        builder.AddJsonSerializer(isSupported: type => type.Assembly == typeof(ClientMetadata).Assembly);
}
