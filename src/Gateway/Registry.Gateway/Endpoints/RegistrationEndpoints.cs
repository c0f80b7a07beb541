using Microsoft.AspNetCore.Http.HttpResults;
using Registry.Gateway.Http;
using Registry.Gateway.Telemetry;
using Registry.Gateway.Tenancy;
using Registry.Gateway.Throttling;
using Registry.Gateway.Tokens;
using Registry.Grains.Abstractions;
using Registry.Protocol.Authorization;
using Registry.Protocol.Errors;
using Registry.Protocol.Metadata;
using Registry.Protocol.Security;
using Registry.Protocol.Tenancy;

namespace Registry.Gateway.Endpoints;

/// <summary>
/// POST /register (RFC 7591) with a register-scoped access token, and GET/PUT/DELETE /register/{client_id}
/// (RFC 7592) with the client's registration access token. Each handler: authenticate → validate (Protocol)
/// → call the client grain → answer.
/// </summary>
internal static partial class RegistrationEndpoints
{
    public static void Map(RouteGroupBuilder tenant)
    {
        tenant.MapPost("/register", Register).DisableAntiforgery().WithMetadata(new ObservedEndpoint(ObservedEndpoint.Register))
            .WithSummary("Register a client (RFC 7591); bearer: the tenant admin's register token or an initial access token, by registration mode")
            .WithMetadata(new DocumentedBody(typeof(IDictionary<string, object>), RequestBody.Json));
        tenant.MapGet("/register/{clientId}", Read).WithMetadata(new ObservedEndpoint(ObservedEndpoint.ClientRead))
            .WithSummary("Read a registration (RFC 7592 §2.1) with its registration access token");
        tenant.MapPut("/register/{clientId}", Update).DisableAntiforgery().WithMetadata(new ObservedEndpoint(ObservedEndpoint.ClientUpdate))
            .WithSummary("Update a registration (RFC 7592 §2.2)").WithMetadata(new DocumentedBody(typeof(IDictionary<string, object>), RequestBody.Json));
        tenant.MapDelete("/register/{clientId}", Delete).WithMetadata(new ObservedEndpoint(ObservedEndpoint.ClientDelete))
            .WithSummary("Delete a registration (RFC 7592 §2.3)");
    }

    private const int MaxCreateAttempts = 3;

    private static async Task<Results<JsonPayloadResult<ClientInformationResponse>, OAuthErrorResult>> Register(
        HttpContext http, IGrainFactory grains, GrainCalls calls, BearerTokenValidator tokens, AddressGuard addresses, TimeProvider time)
    {
        var tenant = http.Tenant();
        if (addresses.Check(http, tenant) is { } backedOff)
        {
            return Error(backedOff);
        }

        var admitted = await RegistrationAccess.AdmitAsync(http.Request, tenant, tokens, grains, calls);
        if (!admitted.IsSuccess)
        {
            if (admitted.Error.Id is ErrorIds.BearerInvalid or ErrorIds.InitialAccessTokenInvalid)
            {
                // A bearer token that does not verify is decided here; an initial access token's state by its grain.
                await addresses.RecordFailureAsync(http, tenant, costGrainCall: admitted.Error.Id == ErrorIds.InitialAccessTokenInvalid);
            }

            return Error(admitted.Error);
        }

        var grant = admitted.Value;
        var metadata = await ReadMetadataAsync(http.Request);
        var validated = metadata.IsSuccess ? RegistrationRequestValidator.ValidateCreate(metadata.Value, grant.Policy) : metadata.Error;
        if (!validated.IsSuccess)
        {
            return Error(validated.Error);
        }

        var open = grant.Policy.Mode == RegistrationMode.Open;
        if (open && OpenRegistration.Check(validated.Value) is { } unsafeForOpen)
        {
            return Error(unsafeForOpen);
        }

        // The tenant's quota and registration rate hold for the whole cluster: its grain keeps them, and numbers
        // the registration for the client index.
        var tenantGrain = grains.GetGrain<ITenantGrain>(tenant.Name);
        var slot = await calls.RetryAsync(tenantGrain, t => t.ReserveClientSlot(), http.RequestAborted);
        if (!slot.Admission.IsGranted)
        {
            return Error(Refusal(slot.Admission, tenant));
        }

        // An initial access token's use is taken last, exactly once for the cluster (its grain counts and stores it).
        var initialTokens = grant.InitialAccessTokenId is not null ? grains.GetGrain<IInitialAccessTokensGrain>(tenant.Name) : null;
        if (initialTokens is not null)
        {
            var use = await calls.RetryAsync((Grain: initialTokens, Id: grant.InitialAccessTokenId!, Token: grant.InitialAccessToken!), c => c.Grain.Consume(c.Id, c.Token), http.RequestAborted);
            if (!use.IsValid)
            {
                await calls.RetryAsync(tenantGrain, t => t.ReleaseClient(), http.RequestAborted);
                return Error(RegistrationAccess.InitialAccessTokenRefused);
            }
        }

        // client_ids carry 128 random bits; a collision is astronomically unlikely but still never overwrites a client.
        var result = ClientOperationResult.Conflict;
        var secretExpiresAt = SecretExpiresAt(grant.Policy, time);
        for (var attempt = 0; attempt < MaxCreateAttempts && result.Status == ClientOperationStatus.Conflict; attempt++)
        {
            var clientId = tenant.Tenant.Identifiers.NewClientId();
            var create = (Client: Client(grains, tenant, clientId), Metadata: validated.Value, Secret: validated.Value.TokenEndpointAuthMethod == AuthMethods.None ? "" : Secrets.NewSecret(), Token: tenant.Tenant.Identifiers.NewRegistrationAccessToken(clientId), slot.Sequence);
            result = await calls.RetryAsync((create, secretExpiresAt), c => c.create.Client.Register(new(c.create.Metadata), c.create.Secret, c.create.Token, c.create.Sequence, c.secretExpiresAt), http.RequestAborted);
        }

        if (result.Status != ClientOperationStatus.Ok)
        {
            // A definite refusal: the reserved slot (and the token's use) go back. After an exception the client may exist: both stay taken.
            await calls.RetryAsync(tenantGrain, t => t.ReleaseClient(), http.RequestAborted);
            if (initialTokens is not null)
            {
                // Once, never retried: a release applied whose answer was lost must not give a second use back.
                await initialTokens.Release(grant.InitialAccessTokenId!);
            }

            return Error(OAuthErrorMapping.FromClientOperation(result));
        }

        http.Observation().SetClient(result.Client!.ClientId, tenant.Tenant);
        if (open && grant.Policy.RemoveUnusedOpenClientsAfterSeconds > 0)
        {
            await ScheduleRemovalAsync(Client(grains, tenant, result.Client.ClientId), TimeSpan.FromSeconds(grant.Policy.RemoveUnusedOpenClientsAfterSeconds), http, calls);
        }

        return ClientInformationResponse.Created(result.Client, tenant.RegistrationClientUri(result.Client.ClientId));
    }

    /// <summary>
    /// An open registration is removed if it never completes an authorization. The client exists already: when the
    /// cluster cannot take the reminder now, the registration still succeeds (the client is then kept, as before).
    /// </summary>
    [LoggerMessage(Level = LogLevel.Warning, Message = "The removal of unused open client {ClientId} could not be scheduled")]
    private static partial void LogRemovalNotScheduled(ILogger logger, string? clientId);

    private static async Task ScheduleRemovalAsync(IClientGrain client, TimeSpan after, HttpContext http, GrainCalls calls)
    {
        try
        {
            await calls.RetryAsync((client, after), c => c.client.RemoveIfUnused(c.after), http.RequestAborted);
        }
        catch (Exception e) when (ClusterErrors.IsTransient(e) || e is OperationCanceledException)
        {
            LogRemovalNotScheduled(http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(RegistrationEndpoints).FullName!),
                http.Observation().ClientId);
        }
    }

    private static async Task<Results<JsonPayloadResult<ClientInformationResponse>, OAuthErrorResult>> Read(
        HttpContext http, string clientId, IGrainFactory grains, GrainCalls calls, AddressGuard addresses)
    {
        var tenant = http.Tenant();
        http.Observation().SetClient(clientId, tenant.Tenant);
        var (token, refused) = await AdmitAsync(http, tenant, clientId, addresses);
        if (refused is not null)
        {
            return Error(refused);
        }

        var result = await calls.RetryAsync((Client: Client(grains, tenant, clientId), Token: token), c => c.Client.Read(c.Token), http.RequestAborted);
        await CountFailureAsync(http, tenant, result, addresses);
        return Answer(result, tenant.RegistrationClientUri(clientId));
    }

    private static async Task<Results<JsonPayloadResult<ClientInformationResponse>, OAuthErrorResult>> Update(
        HttpContext http, string clientId, IGrainFactory grains, GrainCalls calls, AddressGuard addresses)
    {
        var tenant = http.Tenant();
        http.Observation().SetClient(clientId, tenant.Tenant);
        var (token, refused) = await AdmitAsync(http, tenant, clientId, addresses);
        if (refused is not null)
        {
            return Error(refused);
        }

        var client = Client(grains, tenant, clientId);
        var metadata = await ReadMetadataAsync(http.Request);
        var validated = metadata.IsSuccess ? RegistrationRequestValidator.ValidateUpdate(metadata.Value, clientId, tenant.Tenant.Policy) : metadata.Error;

        // What open registration refuses, an update of an openly registered client cannot add afterwards.
        if (validated.IsSuccess && tenant.Tenant.Policy.Mode == RegistrationMode.Open && OpenRegistration.Check(validated.Value) is { } unsafeForOpen)
        {
            validated = unsafeForOpen;
        }

        if (!validated.IsSuccess)
        {
            // Authentication outranks validation: an unknown client or a wrong token is 401 whatever the body.
            var check = await calls.RetryAsync((Client: client, Token: token), c => c.Client.Read(c.Token), http.RequestAborted);
            await CountFailureAsync(http, tenant, check, addresses);
            return Error(check.Status == ClientOperationStatus.Ok ? validated.Error : OAuthErrorMapping.FromClientOperation(check));
        }

        var update = (Client: client, Token: token, Metadata: validated.Value, metadata.Value!.ClientSecret, NewToken: tenant.Tenant.Identifiers.NewRegistrationAccessToken(clientId),
            Rotation: UpdateRotation(tenant.Tenant.Policy));
        var result = await calls.RetryAsync(update, u => u.Client.Update(u.Token, new(u.Metadata), u.ClientSecret, u.NewToken, u.Rotation), http.RequestAborted);
        await CountFailureAsync(http, tenant, result, addresses);
        return Answer(result, tenant.RegistrationClientUri(clientId));
    }

    private static async Task<Results<NoContent, OAuthErrorResult>> Delete(HttpContext http, string clientId, IGrainFactory grains, GrainCalls calls, AddressGuard addresses)
    {
        var tenant = http.Tenant();
        http.Observation().SetClient(clientId, tenant.Tenant);
        var (token, refused) = await AdmitAsync(http, tenant, clientId, addresses);
        if (refused is not null)
        {
            return Error(refused);
        }

        var result = await calls.RetryAsync((Client: Client(grains, tenant, clientId), Token: token), c => c.Client.Delete(c.Token), http.RequestAborted);
        await CountFailureAsync(http, tenant, result, addresses);
        return result.Status == ClientOperationStatus.Ok ? TypedResults.NoContent() : Error(OAuthErrorMapping.FromClientOperation(result));
    }

    /// <summary>
    /// The registration access token when the request may reach the client grain: its address is not backing
    /// off, and it carries a token issued for a client id this tenant issued (both MACs verify). Otherwise the
    /// refusal; a forged id or token is counted against the address on this gateway only.
    /// </summary>
    private static async Task<(string Token, OAuthError? Refusal)> AdmitAsync(HttpContext http, TenantContext tenant, string clientId, AddressGuard addresses)
    {
        if (addresses.Check(http, tenant) is { } backedOff)
        {
            return ("", backedOff);
        }

        if (RegistrationAccess.TokenFor(http.Request, tenant.Tenant, clientId) is { } token)
        {
            return (token, null);
        }

        await addresses.RecordFailureAsync(http, tenant, costGrainCall: false);
        return ("", OAuthErrorMapping.InvalidRegistrationToken);
    }

    /// <summary>A registration access token the grain refused counts against the request's address, cluster-wide.</summary>
    private static Task CountFailureAsync(HttpContext http, TenantContext tenant, ClientOperationResult result, AddressGuard addresses) =>
        result.Status == ClientOperationStatus.Unauthorized ? addresses.RecordFailureAsync(http, tenant, costGrainCall: true) : Task.CompletedTask;

    /// <summary>Why the tenant grain did not reserve a client slot.</summary>
    private static OAuthError Refusal(Admission admission, TenantContext tenant) => admission.Status switch
    {
        AdmissionStatus.QuotaReached => OAuthError.QuotaExceeded(ErrorIds.QuotaMaxClients,
            $"the tenant holds its maximum number of clients (MaxClients = {tenant.Tenant.Throttles.MaxClients}); delete a client to free a slot"),
        _ => OAuthError.Throttled(ErrorIds.ThrottleRegistrationRate,
            "the tenant's registration rate is exceeded; retry after the time given in Retry-After", admission.RetryAfter),
    };

    /// <summary>RFC 7592 §2: 200 with the client information, or the grain's refusal.</summary>
    private static Results<JsonPayloadResult<ClientInformationResponse>, OAuthErrorResult> Answer(ClientOperationResult result, string registrationClientUri) =>
        result.Status == ClientOperationStatus.Ok
            ? ClientInformationResponse.Ok(result.Client!, registrationClientUri)
            : Error(OAuthErrorMapping.FromClientOperation(result));

    private static async Task<Outcome<ClientMetadataRequest>> ReadMetadataAsync(HttpRequest request)
    {
        if (RequestBody.CheckMediaType(request, RequestBody.Json) is { } mediaError)
        {
            return mediaError;
        }

        var body = await RequestBody.ReadAsync(request, MetadataLimits.MaxBodyBytes);
        return body.IsSuccess ? ClientMetadataReader.Read(body.Value) : body.Error;
    }

    /// <summary>
    /// <c>client_secret_expires_at</c> of a secret issued now under <paramref name="policy"/>: seconds since the epoch, 0 for
    /// never (the grain stores 0 for a public client whatever this says).
    /// </summary>
    internal static long SecretExpiresAt(RegistrationPolicy policy, TimeProvider time) =>
        policy.SecretLifetimeSeconds > 0 ? time.GetUtcNow().ToUnixTimeSeconds() + policy.SecretLifetimeSeconds : 0;

    /// <summary>
    /// What an RFC 7592 update may do to the secret under the tenant's current rotation policy (RFC 7592 §2.2 lets the
    /// answer carry a new client_secret): null for never; else a new secret the grain stores when rotation is due.
    /// </summary>
    private static SecretRotationRequest? UpdateRotation(RegistrationPolicy policy) => policy.SecretRotation switch
    {
        SecretRotation.OnUpdate => new(Secrets.NewSecret(), policy.SecretLifetimeSeconds, policy.SecretOverlapSeconds),
        SecretRotation.NearExpiry => new(Secrets.NewSecret(), policy.SecretLifetimeSeconds, policy.SecretOverlapSeconds) { OnlyNearExpiry = true },
        _ => null,
    };

    private static IClientGrain Client(IGrainFactory grains, TenantContext tenant, string clientId) =>
        grains.GetGrain<IClientGrain>(ClientKey.Of(tenant.Name, clientId));

    private static OAuthErrorResult Error(OAuthError error) => new(error, EndpointKind.Registration);
}
