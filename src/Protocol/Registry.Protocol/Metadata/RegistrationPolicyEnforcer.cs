using Registry.Protocol.Errors;
using Registry.Protocol.Metadata.Rules;
using Registry.Protocol.Tokens;

namespace Registry.Protocol.Metadata;

/// <summary>
/// The tenant's <see cref="RegistrationPolicy"/> applied to a request the rules found valid (RFC 7591 §3.1: the server
/// may refuse requested values or replace them with suitable ones): grant types, response types, redirect URI hosts
/// (<c>redirect_uris</c> and <c>post_logout_redirect_uris</c>), token_endpoint_auth_method, scope and the access-token
/// lifetime. A value the policy does not allow is refused (<see cref="DisallowedHandling.Reject"/>: the first such
/// value, members in that order) or narrowed away (<see cref="DisallowedHandling.Narrow"/>): disallowed grant types,
/// response types, redirect URIs and scopes are dropped — a response type together with the grant type it goes with
/// (RFC 7591 §2.1), so that the pair stays consistent —, a disallowed auth method becomes the first allowed one and a
/// lifetime out of bounds is clamped into them. When narrowing leaves nothing usable (no grant type, no redirect URI
/// for a redirect-based grant, no auth method) the request is refused as <see cref="DisallowedHandling.Reject"/>
/// would refuse it. Members the client omitted are not judged here: their defaults are the server's choice and
/// already within the policy (<see cref="RegistrationPolicy.EffectiveDefaultGrantTypes"/> and its siblings).
/// </summary>
internal static class RegistrationPolicyEnforcer
{
    /// <summary>Null when the request may be registered (narrowed in place, with <see cref="DisallowedHandling.Narrow"/>), else why not.</summary>
    public static OAuthError? Apply(ClientMetadataRequest request, RegistrationPolicy policy)
    {
        var grants = Filter(request.GrantTypes, policy.AllowsGrantType,
            g => NotAllowed(ErrorIds.PolicyGrantTypeNotAllowed, MetadataFields.GrantTypes, g, policy.AllowedGrantTypes));
        var responses = Filter(request.ResponseTypes, policy.AllowsResponseType,
            r => NotAllowed(ErrorIds.PolicyResponseTypeNotAllowed, MetadataFields.ResponseTypes, r, policy.AllowedResponseTypes));
        var redirects = FilterHosts(MetadataFields.RedirectUris, request.RedirectUris, policy);
        var postLogout = FilterHosts(MetadataFields.PostLogoutRedirectUris, request.PostLogoutRedirectUris, policy);
        var method = request.TokenEndpointAuthMethod;
        var methodRefusal = method is null || policy.AllowsAuthMethod(method)
            ? null
            : NotAllowed(ErrorIds.PolicyAuthMethodNotAllowed, MetadataFields.TokenEndpointAuthMethod, method, policy.AllowedAuthMethods ?? AuthMethods.Confidential);
        var (scope, scopeRefusal) = FilterScope(request.Scope, policy);
        var (lifetime, lifetimeRefusal) = Clamp(request.TokenExpirationTimeSeconds, policy);

        if (policy.OnDisallowed == DisallowedHandling.Reject)
        {
            return grants.Refusal ?? responses.Refusal ?? redirects.Refusal ?? postLogout.Refusal ?? methodRefusal ?? scopeRefusal ?? lifetimeRefusal;
        }

        if (grants.Kept is { } keptGrants && responses.Kept is { } keptResponses)
        {
            // Both were sent and consistent (GrantResponseConsistencyRule): what one lost, the other loses too.
            foreach (var (response, grant) in GrantResponseConsistencyRule.Pairs)
            {
                if (!keptGrants.Contains(grant) || !keptResponses.Contains(response))
                {
                    keptGrants.RemoveAll(g => g == grant);
                    keptResponses.RemoveAll(r => r == response);
                }
            }
        }

        if (grants.Kept is [])
        {
            return grants.Refusal ?? responses.Refusal;
        }

        // A redirect-based grant with no redirect URI left (none sent is RedirectUriRule's to refuse).
        var registeredGrants = (IReadOnlyList<string>?)grants.Kept ?? policy.EffectiveDefaultGrantTypes;
        if (redirects.Kept is [] && registeredGrants.Any(GrantTypes.UsesRedirect))
        {
            return redirects.Refusal;
        }

        if (methodRefusal is not null)
        {
            if (policy.AllowedAuthMethods is not [var firstAllowed, ..])
            {
                return methodRefusal;
            }

            request.TokenEndpointAuthMethod = firstAllowed;
        }

        request.GrantTypes = grants.Kept;
        request.ResponseTypes = responses.Kept;
        request.RedirectUris = redirects.Kept;
        request.PostLogoutRedirectUris = postLogout.Kept;
        request.Scope = scope;
        request.TokenExpirationTimeSeconds = lifetime;
        return null;
    }

    private static Filtered Filter(IReadOnlyList<string>? sent, Func<string, bool> allows, Func<string, OAuthError> refuse)
    {
        if (sent is null)
        {
            return new Filtered(null, null);
        }

        var disallowed = sent.FirstOrDefault(v => !allows(v));
        return new Filtered([.. sent.Where(allows)], disallowed is null ? null : refuse(disallowed));
    }

    private static Filtered FilterHosts(string field, IReadOnlyList<string>? sent, RegistrationPolicy policy)
    {
        if (sent is null || policy.RedirectUriHosts is null)
        {
            return new Filtered(sent is null ? null : [.. sent], null);
        }

        var kept = new List<string>(sent.Count);
        OAuthError? refusal = null;
        for (var i = 0; i < sent.Count; i++)
        {
            // RedirectUriRule already checked every URI (UriChecks: its host has an ASCII form); compared in that (punycode) form.
            _ = UriChecks.TryParseAbsolute(sent[i], out var uri);
            if (policy.AllowsRedirectHost(uri.IdnHost))
            {
                kept.Add(sent[i]);
            }
            else
            {
                refusal ??= OAuthError.InvalidRedirectUri(ErrorIds.PolicyRedirectHostNotAllowed,
                    $"{field}[{i}] '{sent[i]}' names a host this server does not allow for redirects");
            }
        }

        return new Filtered(kept, refusal);
    }

    private static (string? Scope, OAuthError? Refusal) FilterScope(string? scope, RegistrationPolicy policy)
    {
        if (scope is null)
        {
            return (null, null);
        }

        // ScopeRule already checked the syntax and refused the reserved scope.
        _ = ScopeSyntax.TryParse(scope, out var scopes, out _);
        var disallowed = scopes.FirstOrDefault(s => !policy.AllowsScope(s));
        var refusal = disallowed is null
            ? null
            : OAuthError.InvalidClientMetadata(ErrorIds.ScopeNotAllowed,
                $"{MetadataFields.Scope} '{disallowed}' is not allowed; allowed: {string.Join(' ', policy.AllowedScopes)}");
        return (ScopeSyntax.Normalize([.. scopes.Where(policy.AllowsScope)]), refusal);
    }

    private static (long? Lifetime, OAuthError? Refusal) Clamp(long? lifetime, RegistrationPolicy policy)
    {
        if (lifetime is not { } value || value >= policy.MinTokenLifetimeSeconds && value <= policy.MaxTokenLifetimeSeconds)
        {
            return (lifetime, null);
        }

        return (Math.Max(policy.MinTokenLifetimeSeconds, Math.Min(value, policy.MaxTokenLifetimeSeconds)),
            OAuthError.InvalidClientMetadata(ErrorIds.TokenLifetimeOutOfBounds,
                $"{MetadataFields.TokenExpirationTimeSeconds} must be between {policy.MinTokenLifetimeSeconds} and {policy.MaxTokenLifetimeSeconds}"));
    }

    /// <summary>A refusal of <paramref name="value"/>, which only a list that is set (<paramref name="allowed"/>) refuses.</summary>
    private static OAuthError NotAllowed(string id, string field, string value, IReadOnlyList<string>? allowed) =>
        OAuthError.InvalidClientMetadata(id, $"{field} value '{value}' is not allowed; allowed: {string.Join(' ', allowed!)}");

    /// <summary>What is left of a member the client sent (null: not sent) and the refusal of its first disallowed value.</summary>
    private sealed record Filtered(List<string>? Kept, OAuthError? Refusal);
}
