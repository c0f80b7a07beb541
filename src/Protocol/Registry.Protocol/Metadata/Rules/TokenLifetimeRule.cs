using Registry.Protocol.Errors;

namespace Registry.Protocol.Metadata.Rules;

/// <summary>Token lifetimes within the tenant's bounds.</summary>
internal sealed class TokenLifetimeRule : IClientMetadataRule
{
    /// <summary>Refresh tokens are stored and echoed only; this just keeps the value sane (30 days).</summary>
    private const long MaxRefreshLifetimeSeconds = 30L * 24 * 3600;

    public OAuthError? Check(ClientMetadataRequest request, RegistrationPolicy policy)
    {
        if (request.TokenExpirationTimeSeconds is { } lifetime
            && (lifetime < policy.MinTokenLifetimeSeconds || lifetime > policy.MaxTokenLifetimeSeconds))
        {
            return OAuthError.InvalidClientMetadata(ErrorIds.TokenLifetimeOutOfBounds,
                $"{MetadataFields.TokenExpirationTimeSeconds} must be between {policy.MinTokenLifetimeSeconds} and {policy.MaxTokenLifetimeSeconds}");
        }

        return request.RefreshTokenExpirationTimeSeconds is { } refresh && (refresh < 0 || refresh > MaxRefreshLifetimeSeconds)
            ? OAuthError.InvalidClientMetadata(ErrorIds.RefreshTokenLifetimeOutOfBounds,
                $"{MetadataFields.RefreshTokenExpirationTimeSeconds} must be between 0 and {MaxRefreshLifetimeSeconds}")
            : null;
    }
}
