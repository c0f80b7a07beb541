using Registry.Protocol.Errors;

namespace Registry.Protocol.Metadata.Rules;

/// <summary>application_type: web or native (OpenID Connect Registration §2); subject_type: public or pairwise.</summary>
internal sealed class ApplicationTypeRule : IClientMetadataRule
{
    public OAuthError? Check(ClientMetadataRequest request, RegistrationPolicy policy)
    {
        if (request.ApplicationType is { } type && type is not (ApplicationTypes.Web or ApplicationTypes.Native))
        {
            return OAuthError.InvalidClientMetadata($"{MetadataFields.ApplicationType} '{type}' must be web or native");
        }

        if (request.SubjectType is { } subject && subject is not ("public" or "pairwise"))
        {
            return OAuthError.InvalidClientMetadata($"{MetadataFields.SubjectType} '{subject}' must be public or pairwise");
        }

        return request.PreferredTokenProfile is { } profile && profile != MetadataDefaults.PreferredTokenProfile
            ? OAuthError.InvalidClientMetadata(
                $"{MetadataFields.PreferredTokenProfile} '{profile}' is not supported; Registry issues {MetadataDefaults.PreferredTokenProfile} tokens")
            : null;
    }
}
