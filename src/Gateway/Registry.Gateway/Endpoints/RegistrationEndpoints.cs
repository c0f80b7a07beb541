using Registry.Gateway.Http;
using Registry.Gateway.Telemetry;
using Registry.Gateway.Tenancy;
using Registry.Gateway.Tokens;
using Registry.Grains.Abstractions;
using Registry.Protocol.Errors;
using Registry.Protocol.Metadata;
using Registry.Protocol.Security;

namespace Registry.Gateway.Endpoints;

/// <summary>
/// POST /register (RFC 7591) with a register-scoped access token, and GET/PUT/DELETE /register/{client_id}
/// (RFC 7592) with the client's registration access token.
/// </summary>
internal static class RegistrationEndpoints
{
    public static void Map(RouteGroupBuilder tenant)
    {
        tenant.MapPost("/register", Register).DisableAntiforgery().WithMetadata(new ObservedEndpoint(ObservedEndpoint.Register));
        tenant.MapGet("/register/{clientId}", Read).WithMetadata(new ObservedEndpoint(ObservedEndpoint.ClientRead));
        tenant.MapPut("/register/{clientId}", Update).DisableAntiforgery().WithMetadata(new ObservedEndpoint(ObservedEndpoint.ClientUpdate));
        tenant.MapDelete("/register/{clientId}", Delete).WithMetadata(new ObservedEndpoint(ObservedEndpoint.ClientDelete));
    }

    private const int MaxCreateAttempts = 3;

    private static async Task<IResult> Register(HttpContext http, IGrainFactory grains, BearerTokenValidator tokens)
    {
        var tenant = http.Tenant();
        if (await AuthorizeRegistrationAsync(http, tenant, tokens) is { } denied)
        {
            return denied;
        }

        var metadata = await ReadMetadataAsync(http.Request);
        if (!metadata.IsSuccess)
        {
            return new OAuthErrorResult(metadata.Error);
        }

        var validated = ClientMetadataValidator.Validate(metadata.Value, tenant.Tenant.Policy);
        if (!validated.IsSuccess)
        {
            return new OAuthErrorResult(validated.Error);
        }

        // client_ids carry 128 random bits; a collision is astronomically unlikely but still never overwrites a client.
        for (var attempt = 0; attempt < MaxCreateAttempts; attempt++)
        {
            var clientId = Secrets.NewClientId();
            var create = (Client: Client(grains, tenant, clientId), Metadata: validated.Value, Secret: Secrets.NewSecret(), Token: Secrets.NewSecret());
            var result = await GrainCalls.RetryAsync(create, c => c.Client.Register(new(c.Metadata), c.Secret, c.Token), http.RequestAborted);
            if (result.Status == ClientOperationStatus.Ok)
            {
                http.Observation().SetClient(clientId, null);
                var uri = tenant.RegistrationClientUri(clientId);
                return ClientInformationResults.Created(result.Client!, uri);
            }
        }

        return new OAuthErrorResult(OAuthError.Unavailable("could not allocate a client_id; retry"));
    }

    private static async Task<IResult> Read(HttpContext http, string clientId, IGrainFactory grains)
    {
        var tenant = http.Tenant();
        http.Observation().SetClient(clientId, null);
        if (RegistrationToken(http.Request, clientId) is not { } token)
        {
            return ClientInformationResults.InvalidRegistrationToken();
        }

        var result = await GrainCalls.RetryAsync((Client: Client(grains, tenant, clientId), Token: token), c => c.Client.Read(c.Token), http.RequestAborted);
        return ClientInformationResults.From(result, tenant.RegistrationClientUri(clientId));
    }

    private static async Task<IResult> Update(HttpContext http, string clientId, IGrainFactory grains)
    {
        var tenant = http.Tenant();
        http.Observation().SetClient(clientId, null);
        if (RegistrationToken(http.Request, clientId) is not { } token)
        {
            return ClientInformationResults.InvalidRegistrationToken();
        }

        var client = Client(grains, tenant, clientId);
        var metadata = await ReadMetadataAsync(http.Request);
        var error = metadata.Error ?? UpdateRequestRule.Check(metadata.Value!, clientId);
        var validated = error is null ? ClientMetadataValidator.Validate(metadata.Value!, tenant.Tenant.Policy) : default;
        error ??= validated.Error;
        if (error is not null)
        {
            // Authentication outranks validation: an unknown client or a wrong token is 401 whatever the body.
            var check = await GrainCalls.RetryAsync((Client: client, Token: token), c => c.Client.Read(c.Token), http.RequestAborted);
            var authorized = check.Status == ClientOperationStatus.Ok;
            return authorized ? new OAuthErrorResult(error) : ClientInformationResults.InvalidRegistrationToken();
        }

        var update = (Client: client, Token: token, Metadata: validated.Value!, metadata.Value!.ClientSecret, NewToken: Secrets.NewSecret());
        var result = await GrainCalls.RetryAsync(update, u => u.Client.Update(u.Token, new(u.Metadata), u.ClientSecret, u.NewToken), http.RequestAborted);
        return ClientInformationResults.From(result, tenant.RegistrationClientUri(clientId));
    }

    private static async Task<IResult> Delete(HttpContext http, string clientId, IGrainFactory grains)
    {
        var tenant = http.Tenant();
        http.Observation().SetClient(clientId, null);
        if (RegistrationToken(http.Request, clientId) is not { } token)
        {
            return ClientInformationResults.InvalidRegistrationToken();
        }

        var status = await GrainCalls.RetryAsync((Client: Client(grains, tenant, clientId), Token: token), c => c.Client.Delete(c.Token), http.RequestAborted);
        return status == ClientOperationStatus.Ok ? Results.NoContent() : ClientInformationResults.InvalidRegistrationToken();
    }

    /// <summary>RFC 7591 §3: the initial access token must be a valid token of this tenant with the register scope.</summary>
    private static async Task<IResult?> AuthorizeRegistrationAsync(HttpContext http, TenantContext tenant, BearerTokenValidator tokens)
    {
        if (BearerTokenValidator.ReadBearer(http.Request) is not { } token)
        {
            return new OAuthErrorResult(OAuthError.InvalidToken("an access token with the register scope is required"), Challenge.BearerRequired);
        }

        var scopes = await tokens.ValidateAsync(tenant, token);
        if (!scopes.IsSuccess)
        {
            return new OAuthErrorResult(scopes.Error, Challenge.Bearer);
        }

        return scopes.Value.Contains(MetadataDefaults.RegisterScope, StringComparer.Ordinal)
            ? null
            : new OAuthErrorResult(OAuthError.Of(OAuthErrorCodes.InsufficientScope, "the access token lacks the register scope"), Challenge.Bearer);
    }

    private static async Task<Outcome<ClientMetadataRequest>> ReadMetadataAsync(HttpRequest request)
    {
        if (RequestBody.CheckMediaType(request, RequestBody.Json) is { } mediaError)
        {
            return mediaError;
        }

        var body = await RequestBody.ReadAsync(request, MetadataLimits.MaxBodyBytes);
        return body.IsSuccess ? ClientMetadataReader.Read(body.Value) : body.Error;
    }

    /// <summary>The registration access token, when the path names a possible client (no grain is asked otherwise).</summary>
    private static string? RegistrationToken(HttpRequest request, string clientId) =>
        Secrets.LooksLikeClientId(clientId) ? BearerTokenValidator.ReadBearer(request) : null;

    private static IClientGrain Client(IGrainFactory grains, TenantContext tenant, string clientId) =>
        grains.GetGrain<IClientGrain>(ClientKey.Of(tenant.Name, clientId));
}
