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
        HttpContext http, IGrainFactory grains, AccessTokenIssuer issuer, AddressGuard addresses, TimeProvider time)
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
        var client = await AuthenticateAsync(tenant, request.Value, grains, http.RequestAborted);
        if (!client.IsSuccess)
        {
            if (client.Error.Id == ErrorIds.ClientAuthFailed)
            {
                // A made-up client id was refused without a grain call: it counts on this gateway only.
                var decidedByGrain = request.Value.ClientId == tenant.Tenant.AdminClientId || tenant.Tenant.Identifiers.IsClientId(request.Value.ClientId);
                await addresses.RecordFailureAsync(http, tenant, decidedByGrain);
            }

            return Error(client.Error);
        }

        // A public client authenticates by its id alone, so its tenant must (still) allow public clients.
        if (client.Value.IsPublic && !tenant.Tenant.Policy.AllowsAuthMethod(Protocol.Metadata.AuthMethods.None))
        {
            return Error(OAuthError.InvalidClient(ErrorIds.ClientAuthPublicNotAllowed, "this tenant does not accept public clients"));
        }

        if (request.Value.GrantType != Protocol.Metadata.GrantTypes.ClientCredentials)
        {
            var issued = await UserGrants.IssueAsync(http, tenant, request.Value, client.Value, grains, issuer, time);
            return issued.IsSuccess
                ? new JsonPayloadResult<IssuedToken>(StatusCodes.Status200OK, issued.Value, IssuedToken.Write) { NoStore = true }
                : Error(issued.Error);
        }

        var grant = TokenRequestValidator.Validate(request.Value, client.Value);
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

    /// <summary>Checks the client's secret where it is kept (the tenant grain for the admin client, else the client's grain).</summary>
    private static async Task<Outcome<TokenClient>> AuthenticateAsync(TenantContext tenant, TokenRequest request, IGrainFactory grains, CancellationToken cancellationToken)
    {
        if (request.ClientId == tenant.Tenant.AdminClientId)
        {
            var admin = await GrainCalls.RetryAsync(
                (Tenant: grains.GetGrain<ITenantGrain>(tenant.Name), request.ClientId, request.ClientSecret),
                a => a.Tenant.AuthenticateAdmin(a.ClientId, a.ClientSecret),
                cancellationToken);
            return admin.IsGranted ? TokenClient.Admin(tenant.Tenant.AdminTokenLifetimeSeconds) : Refusal(admin);
        }

        // An id this tenant did not issue (its MAC fails) is refused here: a forged id costs no grain call.
        if (!tenant.Tenant.Identifiers.IsClientId(request.ClientId))
        {
            return ClientAuthentication.Failed;
        }

        var check = await GrainCalls.RetryAsync(
            (Client: grains.GetGrain<IClientGrain>(ClientKey.Of(tenant.Name, request.ClientId)), request.ClientSecret),
            c => c.Client.Authenticate(c.ClientSecret),
            cancellationToken);
        return check switch
        {
            { Limited: { } limit } => Refusal(limit),
            { Authenticated: true } => new TokenClient(check.GrantTypes, check.Scope.Split(' ', StringSplitOptions.RemoveEmptyEntries), check.TokenLifetimeSeconds)
            {
                IsPublic = check.AuthMethod == Protocol.Metadata.AuthMethods.None,
                RefreshTokenLifetimeSeconds = check.RefreshTokenLifetimeSeconds,
            },
            _ => ClientAuthentication.Failed,
        };
    }

    /// <summary>Why a grain did not admit the client: wrong credentials, its back-off, or its token rate.</summary>
    private static OAuthError Refusal(Admission admission) => admission.Status switch
    {
        AdmissionStatus.Backoff => OAuthError.Throttled(ErrorIds.ThrottleClientBackoff,
            "too many failed authentications for this client; retry after the time given in Retry-After", admission.RetryAfter),
        AdmissionStatus.TokenRate => OAuthError.Throttled(ErrorIds.ThrottleTokenRate,
            "this client requests tokens faster than its tenant allows; retry after the time given in Retry-After", admission.RetryAfter),
        _ => ClientAuthentication.Failed,
    };

    private static OAuthErrorResult Error(OAuthError error) => new(error, EndpointKind.Token);
}
