using Microsoft.AspNetCore.Http.HttpResults;
using Registry.Gateway.Http;
using Registry.Gateway.Telemetry;
using Registry.Gateway.Tenancy;
using Registry.Gateway.Throttling;
using Registry.Gateway.Tokens;
using Registry.Grains.Abstractions;
using Registry.Protocol.Authorization;
using Registry.Protocol.Errors;
using Registry.Protocol.Tokens;

namespace Registry.Gateway.Endpoints;

/// <summary>
/// POST /token: the client_credentials grant (RFC 6749 §4.4) for registered clients and the tenant's admin client, and
/// the authorization_code (§4.1.3, PKCE) and refresh_token (§6) grants of users' authorizations
/// (<see cref="UserGrants"/>). Parse (Protocol) → authenticate (tenant or client grain) → validate → issue the JWT.
/// </summary>
internal static class TokenEndpoint
{
    public static void Map(RouteGroupBuilder tenant) =>
        tenant.MapPost("/token", Handle).DisableAntiforgery().WithMetadata(new ObservedEndpoint(ObservedEndpoint.Token))
            .WithSummary("Token endpoint: client_credentials (RFC 6749 §4.4), client_secret_basic or client_secret_post")
            .WithMetadata(new DocumentedBody(typeof(IDictionary<string, string>), RequestBody.Form));

    private static async Task<Results<JsonPayloadResult<IssuedToken>, OAuthErrorResult>> Handle(
        HttpContext http, IGrainFactory grains, GrainCalls calls, AccessTokenIssuer issuer, AddressGuard addresses, TimeProvider time)
    {
        var tenant = http.Tenant();
        if (addresses.Check(http, tenant) is { } backedOff)
        {
            return Error(backedOff);
        }

        var request = await ReadRequestAsync(http.Request);
        if (!request.IsSuccess)
        {
            return Error(request.Error);
        }

        var observation = http.Observation();
        observation.GrantType = request.Value.GrantType;
        observation.SetClient(request.Value.ClientId, tenant.Tenant);
        var client = await ClientAuthenticator.AuthenticateAsync(tenant, request.Value.ClientId, request.Value.ClientSecret, grains, calls, http.RequestAborted);
        if (!client.IsSuccess)
        {
            await ClientAuthenticator.RecordFailureAsync(http, tenant, addresses, request.Value.ClientId, client.Error);
            return Error(client.Error);
        }

        // A public client authenticates by its id alone, so its tenant must (still) allow public clients.
        if (client.Value.IsPublic && !tenant.Tenant.Policy.AllowsAuthMethod(Protocol.Metadata.AuthMethods.None))
        {
            return Error(OAuthError.InvalidClient(ErrorIds.ClientAuthPublicNotAllowed, "this tenant does not accept public clients"));
        }

        if (request.Value.GrantType != Protocol.Metadata.GrantTypes.ClientCredentials)
        {
            var issued = await UserGrants.IssueAsync(http, tenant, request.Value, client.Value, grains, calls, issuer, time);
            return issued.IsSuccess
                ? new JsonPayloadResult<IssuedToken>(StatusCodes.Status200OK, issued.Value, IssuedToken.Write) { NoStore = true }
                : Error(issued.Error);
        }

        // Today's policy, not the one the client registered under (the admin client's register scope is outside it).
        var policy = request.Value.ClientId == tenant.Tenant.AdminClientId ? null : tenant.Tenant.Policy;
        var grant = TokenRequestValidator.Validate(request.Value, client.Value, policy);
        if (!grant.IsSuccess)
        {
            return Error(grant.Error);
        }

        // RFC 8707: resources the tenant allows become the token's audience.
        if (ResourceIndicators.Check(request.Value.Resources, tenant.Tenant.Policy) is { } target)
        {
            return Error(target);
        }

        var token = await issuer.Issue(tenant, request.Value.ClientId, grant.Value.Scope, grant.Value.LifetimeSeconds, ResourceIndicators.Distinct(request.Value.Resources));
        return new JsonPayloadResult<IssuedToken>(StatusCodes.Status200OK, new IssuedToken(token, grant.Value), IssuedToken.Write) { NoStore = true };
    }

    /// <summary>A form body (RFC 6749 §3.2) parsed into a token request with its client credentials (§2.3.1).</summary>
    private static async Task<Outcome<TokenRequest>> ReadRequestAsync(HttpRequest request)
    {
        if (RequestBody.CheckMediaType(request, RequestBody.Form) is { } mediaError)
        {
            return mediaError;
        }

        var body = await RequestBody.ReadTextAsync(request, FormBody.MaxBytes);
        return body.IsSuccess ? TokenRequestParser.Parse(FormBody.Parse(body.Value), request.Headers.Authorization.ToString()) : body.Error;
    }

    private static OAuthErrorResult Error(OAuthError error) => new(error, EndpointKind.Token);
}
