using Registry.Protocol.Errors;

namespace Registry.Protocol.Metadata.Rules;

/// <summary>
/// application_type web or native (OpenID Connect Registration §2), subject_type public or pairwise, and
/// preferred_token_profile Bearer (the only tokens Registry issues).
/// </summary>
internal sealed class ApplicationTypeRule : IClientMetadataRule
{
    public OAuthError? Check(ClientMetadataRequest request, RegistrationPolicy policy)
    {
        if (request.ApplicationType is { } type && type is not (ApplicationTypes.Web or ApplicationTypes.Native))
        {
            return OAuthError.InvalidClientMetadata(ErrorIds.ApplicationTypeUnsupported, $"{MetadataFields.ApplicationType} '{type}' must be web or native");
        }

        if (request.SubjectType is { } subject && subject is not (SubjectTypes.Public or SubjectTypes.Pairwise))
        {
            return OAuthError.InvalidClientMetadata(ErrorIds.SubjectTypeUnsupported, $"{MetadataFields.SubjectType} '{subject}' must be public or pairwise");
        }

        return request.PreferredTokenProfile is { } profile && profile != MetadataDefaults.PreferredTokenProfile
            ? OAuthError.InvalidClientMetadata(ErrorIds.TokenProfileUnsupported,
                $"{MetadataFields.PreferredTokenProfile} '{profile}' is not supported; Registry issues {MetadataDefaults.PreferredTokenProfile} tokens")
            : null;
    }
}
