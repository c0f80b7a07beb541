using Registry.Gateway.Http;
using Registry.Gateway.Telemetry;
using Registry.Gateway.Tenancy;
using Registry.Gateway.Throttling;
using Registry.Protocol.Errors;
using Registry.Protocol.Tokens;

namespace Registry.Gateway.Endpoints;

/// <summary>
/// What /introspect (RFC 7662) and /revoke (RFC 7009) share: the caller's address back-off, the form body, and client
/// authentication exactly as at /token (<see cref="ClientAuthenticator"/>), failures counted against the address alike.
/// </summary>
internal static class TokenHandling
{
    /// <summary>The parsed request of an authenticated client; <paramref name="publicAllowed"/>: whether a public client (client_id alone) may call.</summary>
    public static async Task<Outcome<TokenHandlingRequest>> AuthenticateAsync(HttpContext http, AddressGuard addresses, IGrainFactory grains, GrainCalls calls, bool publicAllowed)
    {
        var tenant = http.Tenant();
        if (addresses.Check(http, tenant) is { } backedOff)
        {
            return backedOff;
        }

        if (RequestBody.CheckMediaType(http.Request, RequestBody.Form) is { } mediaError)
        {
            return mediaError;
        }

        var body = await RequestBody.ReadTextAsync(http.Request, FormBody.MaxBytes);
        var request = body.IsSuccess ? TokenHandlingRequestParser.Parse(FormBody.Parse(body.Value), http.Request.Headers.Authorization.ToString()) : body.Error;
        if (!request.IsSuccess)
        {
            return request.Error;
        }

        var (clientId, secret) = (request.Value.ClientId, request.Value.ClientSecret);
        http.Observation().SetClient(clientId, tenant.Tenant);
        if (request.Value.AuthMethod == ClientAuthMethod.None)
        {
            if (!publicAllowed)
            {
                return OAuthError.InvalidClient(ErrorIds.IntrospectionPublicClient,
                    "introspection requires client authentication with a secret: client_secret_basic or client_secret_post");
            }

            if (!tenant.Tenant.Policy.AllowsAuthMethod(Protocol.Metadata.AuthMethods.None))
            {
                return OAuthError.InvalidClient(ErrorIds.ClientAuthPublicNotAllowed, "this tenant does not accept public clients");
            }
        }

        var client = await ClientAuthenticator.AuthenticateAsync(tenant, clientId, secret, grains, calls, http.RequestAborted);
        if (!client.IsSuccess)
        {
            await ClientAuthenticator.RecordFailureAsync(http, tenant, addresses, clientId, client.Error);
            return client.Error;
        }

        return request;
    }
}
