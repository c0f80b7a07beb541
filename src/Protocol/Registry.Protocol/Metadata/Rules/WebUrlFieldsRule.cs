using Registry.Protocol.Errors;

namespace Registry.Protocol.Metadata.Rules;

/// <summary>
/// client_uri, logo_uri, tos_uri, policy_uri, sector_identifier_uri, initiate_login_uri and the language-tagged
/// URL members: absolute https URLs (RFC 7591 §2; OpenID Connect Registration §2 asks https of the last two).
/// A policy that allows local URLs (development) accepts http as well.
/// </summary>
internal sealed class WebUrlFieldsRule : IClientMetadataRule
{
    public OAuthError? Check(ClientMetadataRequest request, RegistrationPolicy policy)
    {
        foreach (var (field, value) in WebUrlFields.Of(request))
        {
            if (!UriChecks.IsWebUrl(value, out var uri))
            {
                return OAuthError.InvalidClientMetadata(ErrorIds.WebUrlInvalid, $"{field} '{value}' must be an absolute https URL");
            }

            if (!policy.AllowLocalUrls && !UriChecks.IsHttps(uri))
            {
                return OAuthError.InvalidClientMetadata(ErrorIds.WebUrlNotHttps, $"{field} '{value}' must use https");
            }
        }

        return null;
    }
}
