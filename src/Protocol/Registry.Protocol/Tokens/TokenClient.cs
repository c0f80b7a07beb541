using Registry.Protocol.Metadata;

namespace Registry.Protocol.Tokens;

/// <summary>
/// What an authenticated client may be issued at the token endpoint: the grant types and scopes it is
/// registered for and the lifetime of its tokens.
/// </summary>
public sealed record TokenClient(IReadOnlyList<string> GrantTypes, IReadOnlyList<string> Scopes, int LifetimeSeconds)
{
    /// <summary>A public client (token_endpoint_auth_method none): it authenticated with its client_id alone.</summary>
    public bool IsPublic { get; init; }

    /// <summary>How long the refresh tokens of an authorization code last (the client's refresh_token_expiration_time_seconds).</summary>
    public int RefreshTokenLifetimeSeconds { get; init; }

    /// <summary>The tenant's bootstrap admin client: client_credentials for the register scope, nothing else.</summary>
    public static TokenClient Admin(int lifetimeSeconds) =>
        new([Metadata.GrantTypes.ClientCredentials], [MetadataDefaults.RegisterScope], lifetimeSeconds);
}
