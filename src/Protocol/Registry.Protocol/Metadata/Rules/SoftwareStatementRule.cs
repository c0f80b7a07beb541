using Registry.Protocol.Errors;
using Registry.Protocol.Security;

namespace Registry.Protocol.Metadata.Rules;

/// <summary>
/// RFC 7591 §2.3 / §3.2.2: a software statement is a signed JWT. Registry trusts no statement issuer yet,
/// so a well-formed one is unapproved and anything else is invalid.
/// </summary>
internal sealed class SoftwareStatementRule : IClientMetadataRule
{
    public OAuthError? Check(ClientMetadataRequest request, RegistrationPolicy policy)
    {
        if (request.SoftwareStatement is not { } statement)
        {
            return null;
        }

        return IsCompactJws(statement)
            ? new OAuthError(OAuthErrorCodes.UnapprovedSoftwareStatement, ErrorIds.SoftwareStatementUnapproved, "software statements are not accepted: no trusted statement issuer is configured")
            : new OAuthError(OAuthErrorCodes.InvalidSoftwareStatement, ErrorIds.SoftwareStatementMalformed, $"{MetadataFields.SoftwareStatement} is not a compact-serialized JWS");
    }

    private static bool IsCompactJws(string value)
    {
        var parts = value.Split('.');
        return parts.Length == 3
            && parts[0].Length > 0 && parts[1].Length > 0 && parts[2].Length > 0
            && parts.All(p => Base64UrlChars.IsBase64Url(p));
    }
}
