using Registry.Protocol.Errors;

namespace Registry.Protocol.Metadata.Rules;

/// <summary>client_uri, logo_uri, tos_uri, policy_uri and their language-tagged forms: absolute http(s) URLs (RFC 7591 §2).</summary>
internal sealed class WebUrlFieldsRule : IClientMetadataRule
{
    public OAuthError? Check(ClientMetadataRequest request, RegistrationPolicy policy)
    {
        return CheckOne(MetadataFields.ClientUri, request.ClientUri)
            ?? CheckOne(MetadataFields.LogoUri, request.LogoUri)
            ?? CheckOne(MetadataFields.TosUri, request.TosUri)
            ?? CheckOne(MetadataFields.PolicyUri, request.PolicyUri)
            ?? CheckLocalized(request);
    }

    /// <summary>Every localized member but client_name's (the reader admits only localizable members) is a URL.</summary>
    private static OAuthError? CheckLocalized(ClientMetadataRequest request)
    {
        foreach (var (name, value) in request.Localized)
        {
            var field = name[..name.IndexOf('#', StringComparison.Ordinal)];
            if (field != MetadataFields.ClientName && CheckOne(name, value) is { } error)
            {
                return error;
            }
        }

        return null;
    }

    private static OAuthError? CheckOne(string field, string? value) =>
        value is null || UriChecks.IsWebUrl(value, out _)
            ? null
            : OAuthError.InvalidClientMetadata(ErrorIds.WebUrlInvalid, $"{field} '{value}' must be an absolute http or https URL");
}
