using Registry.Protocol.Errors;

namespace Registry.Protocol.Metadata.Rules;

/// <summary>token_endpoint_auth_method: the secret-based methods /token accepts (RFC 7591 §2).</summary>
internal sealed class AuthMethodRule : IClientMetadataRule
{
    public OAuthError? Check(ClientMetadataRequest request, RegistrationPolicy policy) =>
        request.TokenEndpointAuthMethod is not { } method || AuthMethods.Supported.Contains(method, StringComparer.Ordinal)
            ? null
            : OAuthError.InvalidClientMetadata(ErrorIds.AuthMethodUnsupported,
                $"{MetadataFields.TokenEndpointAuthMethod} '{method}' is not supported; supported: {string.Join(' ', AuthMethods.Supported)}");
}
