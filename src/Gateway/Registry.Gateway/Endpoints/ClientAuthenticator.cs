using Registry.Gateway.Http;
using Registry.Gateway.Tenancy;
using Registry.Gateway.Throttling;
using Registry.Grains.Abstractions;
using Registry.Protocol.Errors;
using Registry.Protocol.Tokens;

namespace Registry.Gateway.Endpoints;

/// <summary>
/// Client authentication (RFC 6749 §2.3.1) for the endpoints that take it — /token, /introspect, /revoke — so a client
/// and an attacker meet the same checks, limits and back-off at each of them.
/// </summary>
internal static class ClientAuthenticator
{
    /// <summary>Checks the client's secret where it is kept (the tenant grain for the admin client, else the client's grain).</summary>
    public static async Task<Outcome<TokenClient>> AuthenticateAsync(
        TenantContext tenant, string clientId, string clientSecret, IGrainFactory grains, GrainCalls calls, CancellationToken cancellationToken)
    {
        if (clientId == tenant.Tenant.AdminClientId)
        {
            var admin = await calls.RetryAsync(
                (Tenant: grains.GetGrain<ITenantGrain>(tenant.Name), ClientId: clientId, ClientSecret: clientSecret),
                a => a.Tenant.AuthenticateAdmin(a.ClientId, a.ClientSecret),
                cancellationToken);
            return admin.IsGranted ? TokenClient.Admin(tenant.Tenant.AdminTokenLifetimeSeconds) : Refusal(admin);
        }

        // An id this tenant did not issue (its MAC fails) is refused here: a forged id costs no grain call.
        if (!tenant.Tenant.Identifiers.IsClientId(clientId))
        {
            return ClientAuthentication.Failed;
        }

        var check = await calls.RetryAsync(
            (Client: grains.GetGrain<IClientGrain>(ClientKey.Of(tenant.Name, clientId)), ClientSecret: clientSecret),
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

    /// <summary>
    /// Counts a failed authentication against the caller's address; one the grains decided counts cluster-wide, a made-up
    /// client id (refused without a grain call) on this gateway only.
    /// </summary>
    public static async Task RecordFailureAsync(HttpContext http, TenantContext tenant, AddressGuard addresses, string clientId, OAuthError error)
    {
        if (error.Id == ErrorIds.ClientAuthFailed)
        {
            var decidedByGrain = clientId == tenant.Tenant.AdminClientId || tenant.Tenant.Identifiers.IsClientId(clientId);
            await addresses.RecordFailureAsync(http, tenant, decidedByGrain);
        }
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
}
