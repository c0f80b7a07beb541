using Registry.Protocol.Errors;

namespace Registry.Protocol.Metadata.Rules;

/// <summary>grant_types: known values only, not empty (RFC 7591 §2).</summary>
internal sealed class GrantTypesRule : IClientMetadataRule
{
    public OAuthError? Check(ClientMetadataRequest request, RegistrationPolicy policy)
    {
        if (request.GrantTypes is not { } grants)
        {
            return null;
        }

        if (grants.Count == 0)
        {
            return OAuthError.InvalidClientMetadata(ErrorIds.GrantTypesEmpty, $"{MetadataFields.GrantTypes} must not be empty");
        }

        var unknown = grants.FirstOrDefault(g => !GrantTypes.Registrable.Contains(g, StringComparer.Ordinal));
        return unknown is null
            ? null
            : OAuthError.InvalidClientMetadata(ErrorIds.GrantTypeUnsupported,
                $"{MetadataFields.GrantTypes} value '{unknown}' is not supported; supported: {string.Join(' ', GrantTypes.Registrable)}");
    }
}
