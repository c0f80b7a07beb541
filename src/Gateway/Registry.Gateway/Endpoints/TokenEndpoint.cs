using Registry.Gateway.Http;
using Registry.Gateway.Telemetry;
using Registry.Gateway.Tenancy;
using Registry.Gateway.Tokens;
using Registry.Grains.Abstractions;
using Registry.Protocol.Errors;
using Registry.Protocol.Metadata;
using Registry.Protocol.Security;
using Registry.Protocol.Tokens;

namespace Registry.Gateway.Endpoints;

/// <summary>POST /token: the client_credentials grant (RFC 6749 §4.4) for registered clients and the tenant's admin client.</summary>
internal static class TokenEndpoint
{
    public static void Map(RouteGroupBuilder tenant) =>
        tenant.MapPost("/token", Handle).DisableAntiforgery().WithMetadata(new ObservedEndpoint(ObservedEndpoint.Token));

    private static async Task<IResult> Handle(HttpContext http, IGrainFactory grains, AccessTokenIssuer issuer)
    {
        var tenant = http.Tenant();
        if (RequestBody.CheckMediaType(http.Request, RequestBody.Form) is { } mediaError)
        {
            return Error(mediaError);
        }

        var body = await RequestBody.ReadTextAsync(http.Request, FormBody.MaxBytes);
        if (!body.IsSuccess)
        {
            return Error(body.Error);
        }

        var request = TokenRequestParser.Parse(FormBody.Parse(body.Value), http.Request.Headers.Authorization.ToString());
        if (!request.IsSuccess)
        {
            return Error(request.Error);
        }

        var observation = http.Observation();
        observation.GrantType = request.Value.GrantType;
        observation.SetClient(request.Value.ClientId, tenant.Tenant.AdminClientId);
        var grant = await AuthenticateAsync(tenant, request.Value, grains, http.RequestAborted);
        if (!grant.IsSuccess)
        {
            return Error(grant.Error);
        }

        var (scope, lifetime) = grant.Value;
        var token = issuer.Issue(tenant, request.Value.ClientId, scope, lifetime);
        return new JsonPayloadResult<(string Token, int Lifetime, string Scope)>(StatusCodes.Status200OK, (token, lifetime, scope), WriteToken)
        {
            NoStore = true,
        };
    }

    /// <summary>Authenticates the client and decides the granted scope (RFC 6749 §3.3) and token lifetime.</summary>
    private static async Task<Outcome<Grant>> AuthenticateAsync(TenantContext tenant, TokenRequest request, IGrainFactory grains, CancellationToken cancellationToken)
    {
        if (request.ClientId == tenant.Tenant.AdminClientId)
        {
            var admin = await GrainCalls.RetryAsync(
                (Tenant: grains.GetGrain<ITenantGrain>(tenant.Name), request.ClientId, request.ClientSecret),
                a => a.Tenant.AuthenticateAdmin(a.ClientId, a.ClientSecret),
                cancellationToken);
            return admin
                ? GrantScope(request, [MetadataDefaults.RegisterScope], tenant.Tenant.AdminTokenLifetimeSeconds)
                : ClientAuthenticationFailed();
        }

        if (!Secrets.LooksLikeClientId(request.ClientId))
        {
            return ClientAuthenticationFailed();
        }

        var check = await GrainCalls.RetryAsync(
            (Client: grains.GetGrain<IClientGrain>(ClientKey.Of(tenant.Name, request.ClientId)), request.ClientSecret),
            c => c.Client.Authenticate(c.ClientSecret),
            cancellationToken);
        if (!check.Authenticated)
        {
            return ClientAuthenticationFailed();
        }

        if (!check.GrantTypes.Contains(GrantTypes.ClientCredentials, StringComparer.Ordinal))
        {
            return OAuthError.Of(OAuthErrorCodes.UnauthorizedClient, "this client is not registered for the client_credentials grant type");
        }

        return GrantScope(request, check.Scope.Split(' ', StringSplitOptions.RemoveEmptyEntries), check.TokenLifetimeSeconds);
    }

    /// <summary>The requested scopes must all be registered; no request means every registered scope.</summary>
    private static Outcome<Grant> GrantScope(TokenRequest request, string[] registered, int lifetime)
    {
        var requested = request.RequestedScopes ?? registered;
        var missing = requested.FirstOrDefault(s => !registered.Contains(s, StringComparer.Ordinal));
        return missing is null
            ? new Grant(string.Join(' ', requested), lifetime)
            : OAuthError.Of(OAuthErrorCodes.InvalidScope, $"the scope '{missing}' is not registered for this client");
    }

    private static OAuthError ClientAuthenticationFailed() => OAuthError.InvalidClient("client authentication failed");

    private static OAuthErrorResult Error(OAuthError error) => new(error, Challenge.Basic);

    /// <summary>RFC 6749 §5.1.</summary>
    private static void WriteToken(System.Text.Json.Utf8JsonWriter w, (string Token, int Lifetime, string Scope) t)
    {
        w.WriteStartObject();
        w.WriteString("access_token", t.Token);
        w.WriteString("token_type", "Bearer");
        w.WriteNumber("expires_in", t.Lifetime);
        w.WriteString("scope", t.Scope);
        w.WriteEndObject();
    }

    private sealed record Grant(string Scope, int LifetimeSeconds);
}
