using Registry.Protocol.Errors;

namespace Registry.Protocol.Metadata.Rules;

/// <summary>
/// RFC 7591 §2: jwks and jwks_uri MUST NOT both be present; jwks_uri is an https URL without a fragment
/// (http to the loopback interface too, when the policy allows local URLs).
/// </summary>
internal sealed class JwksRule : IClientMetadataRule
{
    public OAuthError? Check(ClientMetadataRequest request, RegistrationPolicy policy)
    {
        if (request.JwksUri is not { } jwksUri)
        {
            return null;
        }

        if (request.Jwks is not null)
        {
            return OAuthError.InvalidClientMetadata(ErrorIds.JwksWithJwksUri,
                $"{MetadataFields.Jwks} and {MetadataFields.JwksUri} must not both be present (RFC 7591 section 2)");
        }

        return UriChecks.IsWebUrl(jwksUri, out var uri)
            && (UriChecks.IsHttps(uri) || policy.AllowLocalUrls && UriChecks.IsLoopback(uri))
            && uri.Fragment.Length == 0
            ? null
            : OAuthError.InvalidClientMetadata(ErrorIds.JwksUriNotHttps, $"{MetadataFields.JwksUri} '{jwksUri}' must be an absolute https URL without a fragment");
    }
}
