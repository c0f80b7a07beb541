using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.IdentityModel.JsonWebTokens;
using Registry.Gateway.Http;
using Registry.Gateway.Telemetry;
using Registry.Gateway.Tenancy;
using Registry.Gateway.Throttling;
using Registry.Gateway.Tokens;
using Registry.Grains.Abstractions;

namespace Registry.Gateway.Endpoints;

/// <summary>
/// POST /introspect (RFC 7662): a confidential client of the tenant (or its admin client), authenticated as at /token,
/// asks whether a token is active. An access token is active when it verifies with the tenant's published keys for
/// the tenant's issuer and has not expired, its jti is not revoked, and its client still exists enabled (the admin
/// client's tokens: while the tenant exists); the last two are asked of the cluster on every call, so a revocation,
/// a deletion or a disabling answered anywhere is seen here at once. A refresh token is active only to the client it
/// was issued to, while its family is live and it is the current token. Everything else: <c>{"active":false}</c>.
/// </summary>
internal static class IntrospectionEndpoint
{
    public static void Map(RouteGroupBuilder tenant) =>
        tenant.MapPost("/introspect", Handle).DisableAntiforgery().WithMetadata(new ObservedEndpoint(ObservedEndpoint.Introspect))
            .WithSummary("Token introspection (RFC 7662), client_secret_basic or client_secret_post")
            .WithMetadata(new DocumentedBody(typeof(IDictionary<string, string>), RequestBody.Form));

    private static async Task<Results<JsonPayloadResult<IntrospectionResponse>, OAuthErrorResult>> Handle(
        HttpContext http, IGrainFactory grains, GrainCalls calls, AccessTokenReader reader, AddressGuard addresses)
    {
        var request = await TokenHandling.AuthenticateAsync(http, addresses, grains, calls, publicAllowed: false);
        if (!request.IsSuccess)
        {
            return new OAuthErrorResult(request.Error, EndpointKind.Token);
        }

        var tenant = http.Tenant();
        var (token, caller) = (request.Value.Token, request.Value.ClientId);
        var response = RefreshTokenFormat.FamilyIdOf(token) is { } familyId
            ? await RefreshTokenAsync(tenant, familyId, token, caller, grains, calls, http.RequestAborted)
            : await reader.ReadAsync(tenant, token) is { } jwt && await IsActiveAsync(tenant, jwt, grains, calls, http.RequestAborted)
                ? new IntrospectionResponse { AccessToken = jwt }
                : IntrospectionResponse.Inactive;
        return new JsonPayloadResult<IntrospectionResponse>(StatusCodes.Status200OK, response, IntrospectionResponse.Write) { NoStore = true };
    }

    /// <summary>Not revoked, and its client neither deleted nor disabled: both asked at once.</summary>
    private static async Task<bool> IsActiveAsync(TenantContext tenant, JsonWebToken jwt, IGrainFactory grains, GrainCalls calls, CancellationToken cancellationToken)
    {
        var clientId = jwt.GetPayloadValue<string>("client_id");
        var jtiHash = RevokedTokenKeys.Hash(jwt.Id);
        var revoked = calls.RetryAsync(
            (Shard: grains.GetGrain<IRevokedTokensGrain>(RevokedTokenKeys.Shard(tenant.Name, jtiHash)), Hash: jtiHash), s => s.Shard.IsRevoked(s.Hash), cancellationToken);
        var status = clientId == tenant.Tenant.AdminClientId
            ? Task.FromResult(ClientTokenStatus.Active)
            : calls.RetryAsync(grains.GetGrain<IClientGrain>(ClientKey.Of(tenant.Name, clientId)), c => c.TokenStatus(), cancellationToken);
        return !await revoked && await status == ClientTokenStatus.Active;
    }

    /// <summary>The family's grant when <paramref name="token"/> is its current token and <paramref name="caller"/> the client it was issued to.</summary>
    private static async Task<IntrospectionResponse> RefreshTokenAsync(
        TenantContext tenant, string familyId, string token, string caller, IGrainFactory grains, GrainCalls calls, CancellationToken cancellationToken)
    {
        var family = grains.GetGrain<IRefreshTokenFamilyGrain>(AuthorizationKeys.Family(tenant.Name, familyId));
        var grant = await calls.RetryAsync((family, caller, token), f => f.family.Peek(f.caller, f.token), cancellationToken);
        return grant is null ? IntrospectionResponse.Inactive : new IntrospectionResponse { RefreshToken = (grant, tenant.Issuer) };
    }
}
