using Registry.Protocol.Errors;
using Registry.Protocol.Metadata;

namespace Registry.Protocol.Tokens;

/// <summary>
/// Decides what a token request from an authenticated client is granted: the client must be registered for the
/// grant type (RFC 6749 §5.2 unauthorized_client), and every requested scope must be one it registered
/// (§3.3; the server may not widen the request). No scope requested means every registered scope. With its tenant's
/// policy, today's policy applies rather than the one the client registered under: a scope the tenant no longer allows
/// is left out of the default and refused when asked for by name, and the lifetime is clamped to the current bounds.
/// </summary>
public static class TokenRequestValidator
{
    public static Outcome<TokenGrant> Validate(TokenRequest request, TokenClient client) => Validate(request, client, policy: null);

    /// <summary><see cref="Validate(TokenRequest, TokenClient)"/> under <paramref name="policy"/> (null: the registration alone, as for the admin client).</summary>
    public static Outcome<TokenGrant> Validate(TokenRequest request, TokenClient client, RegistrationPolicy? policy)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(client);
        if (!client.GrantTypes.Contains(request.GrantType, StringComparer.Ordinal))
        {
            return OAuthError.UnauthorizedClient(ErrorIds.TokenGrantNotRegistered, $"this client is not registered for the {request.GrantType} grant type");
        }

        var requested = request.RequestedScopes ?? client.Scopes;
        if (requested.FirstOrDefault(s => !client.Scopes.Contains(s, StringComparer.Ordinal)) is { } missing)
        {
            return OAuthError.InvalidScope(ErrorIds.TokenScopeNotRegistered, $"the scope '{missing}' is not registered for this client");
        }

        if (policy is null)
        {
            return new TokenGrant(ScopeSyntax.Normalize(requested), client.LifetimeSeconds);
        }

        if (request.RequestedScopes?.FirstOrDefault(s => !policy.AllowsScope(s)) is { } withdrawn)
        {
            return OAuthError.InvalidScope(ErrorIds.TokenScopeNotAllowed, $"the scope '{withdrawn}' is no longer allowed by this tenant");
        }

        return new TokenGrant(ScopeSyntax.Normalize([.. requested.Where(policy.AllowsScope)]), Lifetime(client.LifetimeSeconds, policy));
    }

    /// <summary>A registered token lifetime within the tenant's current bounds (they may have moved since the client registered).</summary>
    public static int Lifetime(int registeredSeconds, RegistrationPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return Math.Clamp(registeredSeconds, policy.MinTokenLifetimeSeconds, Math.Max(policy.MinTokenLifetimeSeconds, policy.MaxTokenLifetimeSeconds));
    }
}
