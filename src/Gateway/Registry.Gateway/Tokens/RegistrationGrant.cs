using Registry.Protocol.Metadata;

namespace Registry.Gateway.Tokens;

/// <summary>
/// What a registration request was admitted with: the policy it is validated against (the tenant's, narrowed by an
/// initial access token's scopes) and, when it presented one, the initial access token a use is taken from.
/// </summary>
internal sealed record RegistrationGrant(RegistrationPolicy Policy, string? InitialAccessTokenId, string? InitialAccessToken);
