using Registry.Protocol.Errors;

namespace Registry.Protocol.Metadata.Rules;

/// <summary>
/// token_endpoint_auth_method: the secret-based methods /token accepts, or none for a public client (RFC 7591 §2); a
/// public client acts for users only, so it cannot register the client_credentials grant (RFC 6749 §4.4 needs a
/// confidential client).
/// </summary>
internal sealed class AuthMethodRule : IClientMetadataRule
{
    public OAuthError? Check(ClientMetadataRequest request, RegistrationPolicy policy)
    {
        if (request.TokenEndpointAuthMethod is not { } method)
        {
            return null;
        }

        if (!AuthMethods.Supported.Contains(method, StringComparer.Ordinal))
        {
            return OAuthError.InvalidClientMetadata(ErrorIds.AuthMethodUnsupported,
                $"{MetadataFields.TokenEndpointAuthMethod} '{method}' is not supported; supported: {string.Join(' ', AuthMethods.Supported)}");
        }

        return method == AuthMethods.None && (request.GrantTypes ?? policy.EffectiveDefaultGrantTypes).Contains(GrantTypes.ClientCredentials, StringComparer.Ordinal)
            ? OAuthError.InvalidClientMetadata(ErrorIds.AuthMethodUnsupported,
                $"{MetadataFields.TokenEndpointAuthMethod} 'none' (a public client) cannot use the client_credentials grant type")
            : null;
    }
}
