using Registry.Protocol.Errors;
using Registry.Protocol.Metadata;
using Registry.Protocol.Tokens;

namespace Registry.Protocol.Authorization;

/// <summary>
/// Checks an authorization request in the order RFC 6749 §4.1.2.1 needs: first the client and its redirect URI —
/// while either is in doubt the user sees the error and nothing is redirected (no open redirector) — then the rest,
/// whose errors go back to the client at its redirect URI. PKCE with S256 is required of every client (OAuth 2.1,
/// the MCP authorization specification); <c>plain</c> is refused.
/// </summary>
public static class AuthorizationRequestValidator
{
    /// <summary>The redirect URI to answer at, or the error to show the user (never redirected).</summary>
    public static Outcome<string> ResolveRedirect(AuthorizationRequest request, ClientMetadata client)
    {
        if (request.RedirectUri is { Length: > AuthorizationRequestParser.MaxParameterLength })
        {
            return OAuthError.InvalidRequest(ErrorIds.AuthorizeRedirectUriInvalid, "redirect_uri is too long");
        }

        return RedirectUris.Resolve(client.RedirectUris, request.RedirectUri) is { } redirect
            ? redirect
            : OAuthError.InvalidRequest(ErrorIds.AuthorizeRedirectUriInvalid,
                request.RedirectUri is null
                    ? "redirect_uri is required: the client registered more than one, or none"
                    : "redirect_uri is not one registered for this client");
    }

    /// <summary>Everything after the redirect URI; an error here is sent to the client at <paramref name="redirectUri"/>.</summary>
    public static Outcome<ValidatedAuthorization> Validate(
        AuthorizationRequest request, string clientId, ClientMetadata client, RegistrationPolicy policy, string redirectUri)
    {
        if (request.RepeatedParameter is { } repeated)
        {
            return OAuthError.InvalidRequest(ErrorIds.AuthorizeParameterRepeated, $"the parameter {repeated} is repeated (RFC 6749 section 3.1)");
        }

        if (request.ResponseType is null)
        {
            return OAuthError.InvalidRequest(ErrorIds.AuthorizeResponseTypeUnsupported, "response_type is required; this server supports code");
        }

        if (request.ResponseType != ResponseTypes.Code)
        {
            return OAuthError.UnsupportedResponseType(ErrorIds.AuthorizeResponseTypeUnsupported, "only response_type=code is supported");
        }

        if (!client.GrantTypes.Contains(GrantTypes.AuthorizationCode, StringComparer.Ordinal))
        {
            return OAuthError.UnauthorizedClient(ErrorIds.AuthorizeGrantNotRegistered, "this client is not registered for the authorization_code grant type");
        }

        if (request.State is { Length: > AuthorizationRequestParser.MaxParameterLength })
        {
            return OAuthError.InvalidRequest(ErrorIds.AuthorizeParameterRepeated, "state is too long");
        }

        if (PkceError(request) is { } pkce)
        {
            return pkce;
        }

        var scopes = Scopes(request, client, policy);
        if (!scopes.IsSuccess)
        {
            return scopes.Error;
        }

        if (ResourceIndicators.Check(request.Resources, policy) is { } resource)
        {
            return resource;
        }

        var prompt = request.Prompt;
        if (prompt is not null and not ("none" or "login" or "consent"))
        {
            return OAuthError.InvalidRequest(ErrorIds.AuthorizePromptUnsupported, "prompt may be none, login or consent");
        }

        return new ValidatedAuthorization(clientId, redirectUri, request.State, scopes.Value, ResourceIndicators.Distinct(request.Resources), request.CodeChallenge!, prompt);
    }

    private static OAuthError? PkceError(AuthorizationRequest request)
    {
        if (request.CodeChallenge is null)
        {
            return OAuthError.InvalidRequest(ErrorIds.AuthorizePkceMissing, "code_challenge is required (PKCE, RFC 7636) with code_challenge_method=S256");
        }

        if (request.CodeChallengeMethod != Pkce.S256)
        {
            return OAuthError.InvalidRequest(ErrorIds.AuthorizePkceMethodUnsupported, "code_challenge_method must be S256 (plain is not accepted)");
        }

        return Pkce.IsChallenge(request.CodeChallenge)
            ? null
            : OAuthError.InvalidRequest(ErrorIds.AuthorizePkceChallengeInvalid, "code_challenge must be 43 base64url characters (an S256 hash)");
    }

    /// <summary>
    /// The requested scopes (all registered ones when none is requested), each registered for the client; scopes the
    /// tenant no longer allows are left out (RFC 6749 §3.3 lets the server grant less than asked).
    /// </summary>
    private static Outcome<IReadOnlyList<string>> Scopes(AuthorizationRequest request, ClientMetadata client, RegistrationPolicy policy)
    {
        _ = ScopeSyntax.TryParse(client.Scope, out var registered, out _);
        IReadOnlyList<string> requested = registered;
        if (request.Scope is not null)
        {
            if (request.Scope.Length > AuthorizationRequestParser.MaxParameterLength || !ScopeSyntax.TryParse(request.Scope, out requested, out _))
            {
                return OAuthError.InvalidScope(ErrorIds.AuthorizeScopeSyntax, "scope contains an invalid scope token");
            }

            if (requested.FirstOrDefault(s => !registered.Contains(s, StringComparer.Ordinal)) is { } missing)
            {
                return OAuthError.InvalidScope(ErrorIds.AuthorizeScopeNotRegistered, $"the scope '{missing}' is not registered for this client");
            }
        }

        string[] granted = [.. requested.Distinct(StringComparer.Ordinal).Where(policy.AllowsScope)];
        return Outcome<IReadOnlyList<string>>.Success(granted);
    }
}
