using Registry.Protocol.Errors;

namespace Registry.Protocol.Metadata.Rules;

/// <summary>
/// Metadata that asks for a security property Registry does not provide is refused rather than stored:
/// a client registered for certificate-bound tokens (RFC 8705 §3.4) must not silently get bearer tokens.
/// </summary>
internal sealed class UnsupportedFeaturesRule : IClientMetadataRule
{
    public OAuthError? Check(ClientMetadataRequest request, RegistrationPolicy policy) =>
        request.TlsClientCertificateBoundAccessToken == true
            ? OAuthError.InvalidClientMetadata(ErrorIds.CertificateBoundTokensUnsupported,
                $"{MetadataFields.TlsClientCertificateBoundAccessToken} true is not supported: Registry issues bearer tokens only")
            : null;
}
