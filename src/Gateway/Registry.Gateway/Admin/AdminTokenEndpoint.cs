using Microsoft.AspNetCore.Http.HttpResults;
using Registry.Gateway.Endpoints;
using Registry.Gateway.Http;
using Registry.Gateway.Throttling;
using Registry.Protocol.Errors;
using Registry.Protocol.Metadata;
using Registry.Protocol.Throttling;
using Registry.Protocol.Tokens;

namespace Registry.Gateway.Admin;

/// <summary>
/// POST /admin/token: the operator client's client_credentials grant (RFC 6749 §4.4), client_secret_basic or
/// client_secret_post, for a token of scope registry:admin. Wrong credentials count against the caller's address.
/// </summary>
internal static class AdminTokenEndpoint
{
    /// <summary>The address back-off's scope for the admin API (not a valid tenant name, so never a tenant's).</summary>
    public const string BackoffScope = "_admin";

    private static readonly ThrottlePolicy Limits = new();

    public static void Map(RouteGroupBuilder admin) =>
        admin.MapPost("/token", Handle).DisableAntiforgery().WithMetadata(new AdminOperation(AdminOperation.Token))
            .WithSummary("Operator token (client_credentials, scope registry:admin)")
            .WithMetadata(new DocumentedBody(typeof(IDictionary<string, string>), RequestBody.Form))
            .Produces(StatusCodes.Status200OK, contentType: RequestBody.Json)
            .Produces(StatusCodes.Status400BadRequest).Produces(StatusCodes.Status401Unauthorized);

    private static async Task<Results<JsonPayloadResult<IssuedToken>, OAuthErrorResult>> Handle(
        HttpContext http, OperatorClient operatorClient, OperatorTokens tokens, AddressGuard addresses)
    {
        if (addresses.Check(http, BackoffScope) is { } backedOff)
        {
            return Error(backedOff);
        }

        if (RequestBody.CheckMediaType(http.Request, RequestBody.Form) is { } mediaError)
        {
            return Error(mediaError);
        }

        var body = await RequestBody.ReadTextAsync(http.Request, FormBody.MaxBytes);
        var request = body.IsSuccess ? TokenRequestParser.Parse(FormBody.Parse(body.Value), http.Request.Headers.Authorization.ToString()) : body.Error;
        if (!request.IsSuccess)
        {
            return Error(request.Error);
        }

        if (!operatorClient.Matches(request.Value.ClientId, request.Value.ClientSecret))
        {
            addresses.RecordLocalFailure(http, BackoffScope, Limits);
            return Error(ClientAuthentication.Failed);
        }

        http.Features.Get<AdminContext>()!.OperatorId = operatorClient.ClientId;
        var operatorGrant = new TokenClient([GrantTypes.ClientCredentials], [OperatorTokens.Scope], operatorClient.TokenLifetimeSeconds);
        var grant = TokenRequestValidator.Validate(request.Value, operatorGrant);
        if (!grant.IsSuccess)
        {
            return Error(grant.Error);
        }

        var token = await tokens.IssueAsync(http.Request, operatorClient.ClientId, operatorClient.TokenLifetimeSeconds);
        return new JsonPayloadResult<IssuedToken>(StatusCodes.Status200OK, new IssuedToken(token, grant.Value), IssuedToken.Write) { NoStore = true };
    }

    private static OAuthErrorResult Error(OAuthError error) => new(error, EndpointKind.Token);
}
