using Microsoft.AspNetCore.Http.HttpResults;
using Registry.Gateway.Http;
using Registry.Gateway.Telemetry;
using Registry.Gateway.Tenancy;
using Registry.Gateway.Throttling;
using Registry.Gateway.Tokens;
using Registry.Grains.Abstractions;
using Registry.Protocol.Errors;

namespace Registry.Gateway.Endpoints;

/// <summary>
/// POST /revoke (RFC 7009): the client a token was issued to revokes it, authenticated as at /token (a public client by
/// its client_id, when the tenant accepts public clients). An access token's jti is remembered cluster-wide until the
/// token expires (<see cref="IRevokedTokensGrain"/>), so introspection at any gateway answers it inactive; a refresh
/// token revokes its whole family. Another client's access token is refused (§2.1: the server verifies the token was
/// issued to the caller) with unauthorized_client; an invalid, expired or unknown token, and a refresh token that is
/// not the caller's current one, get 200 like a success (§2.2): the caller learns nothing about other clients' tokens.
/// </summary>
internal static class RevocationEndpoint
{
    public static void Map(RouteGroupBuilder tenant) =>
        tenant.MapPost("/revoke", Handle).DisableAntiforgery().WithMetadata(new ObservedEndpoint(ObservedEndpoint.Revoke))
            .WithSummary("Token revocation (RFC 7009), client_secret_basic, client_secret_post or a public client's client_id")
            .WithMetadata(new DocumentedBody(typeof(IDictionary<string, string>), RequestBody.Form));

    private static async Task<Results<Ok, OAuthErrorResult>> Handle(
        HttpContext http, IGrainFactory grains, GrainCalls calls, AccessTokenReader reader, AddressGuard addresses, GatewayMetrics metrics)
    {
        var request = await TokenHandling.AuthenticateAsync(http, addresses, grains, calls, publicAllowed: true);
        if (!request.IsSuccess)
        {
            return Error(request.Error);
        }

        var tenant = http.Tenant();
        var (token, caller) = (request.Value.Token, request.Value.ClientId);
        if (RefreshTokenFormat.FamilyIdOf(token) is { } familyId)
        {
            var family = grains.GetGrain<IRefreshTokenFamilyGrain>(AuthorizationKeys.Family(tenant.Name, familyId));
            if (await calls.RetryAsync((family, caller, token), f => f.family.Peek(f.caller, f.token), http.RequestAborted) is not null)
            {
                await calls.RetryAsync(family, f => f.Revoke(), http.RequestAborted);
                metrics.RecordRevoked(tenant.Name, GatewayMetrics.RefreshTokenKind);
            }

            return TypedResults.Ok();
        }

        if (await reader.ReadAsync(tenant, token) is not { } jwt)
        {
            return TypedResults.Ok();
        }

        if (jwt.GetPayloadValue<string>("client_id") != caller)
        {
            return Error(OAuthError.UnauthorizedClient(ErrorIds.RevocationNotOwner, "the token was not issued to this client (RFC 7009 section 2.1)"));
        }

        var jtiHash = RevokedTokenKeys.Hash(jwt.Id);
        var shard = grains.GetGrain<IRevokedTokensGrain>(RevokedTokenKeys.Shard(tenant.Name, jtiHash));
        var expiresAt = new DateTimeOffset(jwt.ValidTo, TimeSpan.Zero);
        if (await calls.RetryAsync((shard, jtiHash, expiresAt), s => s.shard.Revoke(s.jtiHash, s.expiresAt), http.RequestAborted))
        {
            metrics.RecordRevoked(tenant.Name, GatewayMetrics.AccessTokenKind);
        }

        return TypedResults.Ok();
    }

    private static OAuthErrorResult Error(OAuthError error) => new(error, EndpointKind.Token);
}
