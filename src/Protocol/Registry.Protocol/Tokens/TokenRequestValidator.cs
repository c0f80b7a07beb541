using Registry.Protocol.Errors;

namespace Registry.Protocol.Tokens;

/// <summary>
/// Decides what a token request from an authenticated client is granted: the client must be registered for the
/// grant type (RFC 6749 §5.2 unauthorized_client), and every requested scope must be one it registered
/// (§3.3; the server may not widen the request). No scope requested means every registered scope.
/// </summary>
public static class TokenRequestValidator
{
    public static Outcome<TokenGrant> Validate(TokenRequest request, TokenClient client)
    {
        if (!client.GrantTypes.Contains(request.GrantType, StringComparer.Ordinal))
        {
            return OAuthError.UnauthorizedClient(ErrorIds.TokenGrantNotRegistered, $"this client is not registered for the {request.GrantType} grant type");
        }

        var requested = request.RequestedScopes ?? client.Scopes;
        var missing = requested.FirstOrDefault(s => !client.Scopes.Contains(s, StringComparer.Ordinal));
        return missing is null
            ? new TokenGrant(ScopeSyntax.Normalize(requested), client.LifetimeSeconds)
            : OAuthError.InvalidScope(ErrorIds.TokenScopeNotRegistered, $"the scope '{missing}' is not registered for this client");
    }
}
