using Registry.Gateway.Tenancy;
using Registry.Protocol.Errors;
using Registry.Protocol.Metadata;

namespace Registry.Gateway.Tokens;

/// <summary>Who may call the registration endpoints: a register-scoped access token at /register, the client's own registration access token at /register/{id}.</summary>
internal static class RegistrationAccess
{
    /// <summary>RFC 7591 §3: the initial access token must be a valid token of this tenant with the register scope; null when it is.</summary>
    public static async Task<OAuthError?> AuthorizeAsync(HttpRequest request, TenantContext tenant, BearerTokenValidator tokens)
    {
        if (BearerTokenValidator.ReadBearer(request) is not { } token)
        {
            return OAuthError.InvalidToken(ErrorIds.BearerMissing, "an access token with the register scope is required");
        }

        var scopes = await tokens.ValidateAsync(tenant, token);
        if (!scopes.IsSuccess)
        {
            return scopes.Error;
        }

        return scopes.Value.Contains(MetadataDefaults.RegisterScope, StringComparer.Ordinal)
            ? null
            : OAuthError.InsufficientScope(ErrorIds.BearerInsufficientScope, "the access token lacks the register scope");
    }

    /// <summary>
    /// The registration access token of an RFC 7592 request, when the path names a client this tenant issued
    /// and the token is one issued for that client (both MACs verify): a forged or malformed id or token, like
    /// a missing one, is refused without asking any grain.
    /// </summary>
    public static string? TokenFor(HttpRequest request, TenantRuntime tenant, string clientId) =>
        tenant.Identifiers.IsClientId(clientId)
        && BearerTokenValidator.ReadBearer(request) is { } token
        && tenant.Identifiers.IsRegistrationAccessToken(clientId, token)
            ? token
            : null;
}
