using Registry.Protocol.Errors;

namespace Registry.Protocol.Metadata.Rules;

/// <summary>
/// refresh_token_expiration_time_seconds within sane bounds. The access-token lifetime's bounds are the tenant's policy
/// (<see cref="RegistrationPolicyEnforcer"/>), which refuses or clamps a lifetime out of them.
/// </summary>
internal sealed class TokenLifetimeRule : IClientMetadataRule
{
    /// <summary>Refresh tokens are stored and echoed only; this just keeps the value sane (30 days).</summary>
    private const long MaxRefreshLifetimeSeconds = 30L * 24 * 3600;

    public OAuthError? Check(ClientMetadataRequest request, RegistrationPolicy policy) =>
        request.RefreshTokenExpirationTimeSeconds is { } refresh && (refresh < 0 || refresh > MaxRefreshLifetimeSeconds)
            ? OAuthError.InvalidClientMetadata(ErrorIds.RefreshTokenLifetimeOutOfBounds,
                $"{MetadataFields.RefreshTokenExpirationTimeSeconds} must be between 0 and {MaxRefreshLifetimeSeconds}")
            : null;
}
