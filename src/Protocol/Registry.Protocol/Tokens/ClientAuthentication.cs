using Registry.Protocol.Errors;

namespace Registry.Protocol.Tokens;

/// <summary>Client authentication at the token endpoint (RFC 6749 §2.3.1).</summary>
public static class ClientAuthentication
{
    /// <summary>
    /// Unknown client, wrong or expired secret, credentials too long to be real, an empty secret: one answer, so
    /// the caller learns nothing about which.
    /// </summary>
    public static readonly OAuthError Failed = OAuthError.InvalidClient(ErrorIds.ClientAuthFailed, "client authentication failed");
}
