using Registry.Protocol.Errors;

namespace Registry.Protocol.Metadata.Rules;

/// <summary>
/// JOSE algorithm members: known asymmetric signing algorithms only (no "none", no HMAC), no deprecated
/// RSA1_5 key encryption, and an encryption "enc" only together with its "alg".
/// </summary>
internal sealed class AlgorithmsRule : IClientMetadataRule
{
    public OAuthError? Check(ClientMetadataRequest request, RegistrationPolicy policy)
    {
        return Signing(MetadataFields.TokenSignedResponseAlg, request.TokenSignedResponseAlg)
            ?? Signing(MetadataFields.IdTokenSignedResponseAlg, request.IdTokenSignedResponseAlg)
            ?? Signing(MetadataFields.AuthorizationSignedResponseAlg, request.AuthorizationSignedResponseAlg)
            ?? KeyEncryption(request.TokenEncryptedResponseAlg)
            ?? ContentEncryption(request);
    }

    private static OAuthError? Signing(string field, string? alg) =>
        alg is null || Algorithms.Signing.Contains(alg, StringComparer.Ordinal)
            ? null
            : OAuthError.InvalidClientMetadata($"{field} '{alg}' is not supported; supported: {string.Join(' ', Algorithms.Signing)}");

    private static OAuthError? KeyEncryption(string? alg) => alg switch
    {
        null => null,
        "RSA1_5" => OAuthError.InvalidClientMetadata(
            $"{MetadataFields.TokenEncryptedResponseAlg} 'RSA1_5' is deprecated (RFC 8725 section 3.2); use RSA-OAEP-256"),
        _ when Algorithms.KeyEncryption.Contains(alg, StringComparer.Ordinal) => null,
        _ => OAuthError.InvalidClientMetadata(
            $"{MetadataFields.TokenEncryptedResponseAlg} '{alg}' is not supported; supported: {string.Join(' ', Algorithms.KeyEncryption)}"),
    };

    private static OAuthError? ContentEncryption(ClientMetadataRequest request)
    {
        if (request.TokenEncryptedResponseEnc is not { } enc)
        {
            return null;
        }

        if (request.TokenEncryptedResponseAlg is null)
        {
            return OAuthError.InvalidClientMetadata(
                $"{MetadataFields.TokenEncryptedResponseEnc} requires {MetadataFields.TokenEncryptedResponseAlg}");
        }

        return Algorithms.ContentEncryption.Contains(enc, StringComparer.Ordinal)
            ? null
            : OAuthError.InvalidClientMetadata(
                $"{MetadataFields.TokenEncryptedResponseEnc} '{enc}' is not supported; supported: {string.Join(' ', Algorithms.ContentEncryption)}");
    }
}
