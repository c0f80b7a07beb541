using Registry.Gateway.Http;
using Registry.Gateway.Tenancy;
using Registry.Grains.Abstractions;
using Registry.Protocol.Errors;
using Registry.Protocol.Metadata;
using Registry.Protocol.Tenancy;

namespace Registry.Gateway.Tokens;

/// <summary>Who may call the registration endpoints: a register-scoped access token at /register, the client's own registration access token at /register/{id}.</summary>
internal static class RegistrationAccess
{
    /// <summary>
    /// Who may register, by the tenant's registration mode: <c>open</c> — anyone (the rate limits and the quota still
    /// hold; an Authorization header is ignored); <c>admin_token</c> — a register-scoped token of the tenant's admin
    /// client; <c>initial_access_token</c> — an initial access token issued through the admin API (still valid, not
    /// revoked, not used up: checked without taking a use) or the admin client's token.
    /// </summary>
    public static async Task<Outcome<RegistrationGrant>> AdmitAsync(HttpRequest request, TenantContext tenant, BearerTokenValidator tokens, IGrainFactory grains, GrainCalls calls)
    {
        var policy = tenant.Tenant.Policy;
        switch (policy.Mode)
        {
            case RegistrationMode.Open:
                return new RegistrationGrant(policy, null, null);
            case RegistrationMode.SoftwareStatement:
                return OAuthError.InvalidRequest(ErrorIds.RegistrationModeUnsupported, "this tenant's registration mode (software_statement) is not supported yet");
            case RegistrationMode.InitialAccessToken
                when BearerTokenValidator.ReadBearer(request) is { } bearer && tenant.Tenant.Identifiers.TryReadInitialAccessToken(bearer, out var id):
                var check = await calls.RetryAsync((Grain: grains.GetGrain<IInitialAccessTokensGrain>(tenant.Name), id, bearer),
                    c => c.Grain.Check(c.id, c.bearer), request.HttpContext.RequestAborted);
                return check.IsValid
                    ? new RegistrationGrant(policy.NarrowedTo(check.AllowedScopes), id, bearer)
                    : InitialAccessTokenRefused;
            default:
                return await AuthorizeAsync(request, tenant, tokens) is { } denied ? denied : new RegistrationGrant(policy, null, null);
        }
    }

    /// <summary>An initial access token that verifies but is expired, revoked, used up or unknown: one answer for all.</summary>
    public static readonly OAuthError InitialAccessTokenRefused =
        OAuthError.InvalidToken(ErrorIds.InitialAccessTokenInvalid, "the initial access token is invalid, expired, revoked or used up");

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
