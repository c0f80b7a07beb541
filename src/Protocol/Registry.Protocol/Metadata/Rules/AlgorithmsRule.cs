using Registry.Protocol.Errors;
using Registry.Protocol.Security;

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
        alg is null || JoseAlgorithms.Signing.Contains(alg, StringComparer.Ordinal)
            ? null
            : OAuthError.InvalidClientMetadata(ErrorIds.SigningAlgUnsupported,
                $"{field} '{alg}' is not supported; supported: {string.Join(' ', JoseAlgorithms.Signing)}");

    private static OAuthError? KeyEncryption(string? alg) => alg switch
    {
        null => null,
        JoseAlgorithms.Rsa1_5 => OAuthError.InvalidClientMetadata(ErrorIds.EncryptionAlgDeprecated,
            $"{MetadataFields.TokenEncryptedResponseAlg} '{JoseAlgorithms.Rsa1_5}' is deprecated (RFC 8725 section 3.2); use {JoseAlgorithms.RsaOaep256}"),
        _ when JoseAlgorithms.KeyEncryption.Contains(alg, StringComparer.Ordinal) => null,
        _ => OAuthError.InvalidClientMetadata(ErrorIds.EncryptionAlgUnsupported,
            $"{MetadataFields.TokenEncryptedResponseAlg} '{alg}' is not supported; supported: {string.Join(' ', JoseAlgorithms.KeyEncryption)}"),
    };

    private static OAuthError? ContentEncryption(ClientMetadataRequest request)
    {
        if (request.TokenEncryptedResponseEnc is not { } enc)
        {
            return null;
        }

        if (request.TokenEncryptedResponseAlg is null)
        {
            return OAuthError.InvalidClientMetadata(ErrorIds.EncryptionEncWithoutAlg,
                $"{MetadataFields.TokenEncryptedResponseEnc} requires {MetadataFields.TokenEncryptedResponseAlg}");
        }

        return JoseAlgorithms.ContentEncryption.Contains(enc, StringComparer.Ordinal)
            ? null
            : OAuthError.InvalidClientMetadata(ErrorIds.EncryptionEncUnsupported,
                $"{MetadataFields.TokenEncryptedResponseEnc} '{enc}' is not supported; supported: {string.Join(' ', JoseAlgorithms.ContentEncryption)}");
    }
}
