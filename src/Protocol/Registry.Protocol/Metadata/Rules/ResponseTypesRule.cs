using Registry.Protocol.Errors;

namespace Registry.Protocol.Metadata.Rules;

/// <summary>response_types: known values only (RFC 7591 §2).</summary>
internal sealed class ResponseTypesRule : IClientMetadataRule
{
    public OAuthError? Check(ClientMetadataRequest request, RegistrationPolicy policy)
    {
        var unknown = request.ResponseTypes?.FirstOrDefault(r => !ResponseTypes.Registrable.Contains(r, StringComparer.Ordinal));
        return unknown is null
            ? null
            : OAuthError.InvalidClientMetadata(ErrorIds.ResponseTypeUnsupported,
                $"{MetadataFields.ResponseTypes} value '{unknown}' is not supported; supported: {string.Join(' ', ResponseTypes.Registrable)}");
    }
}
