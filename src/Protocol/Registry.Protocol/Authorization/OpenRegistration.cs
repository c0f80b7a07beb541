using Registry.Protocol.Errors;
using Registry.Protocol.Metadata;

namespace Registry.Protocol.Authorization;

/// <summary>
/// What anyone may register without a token (a tenant in open mode, as MCP clients expect): clients that act for a
/// user, never for themselves. A public client (<c>none</c>) is accepted with the redirect URIs the registration rules
/// already allow it (https, http on loopback, a native app's private-use scheme). A confidential client needs redirect
/// URIs, every one https or http on loopback. The client_credentials grant is refused: it would hand anyone tokens of
/// their own.
/// </summary>
public static class OpenRegistration
{
    public static OAuthError? Check(ClientMetadata client)
    {
        if (client.GrantTypes.Contains(GrantTypes.ClientCredentials, StringComparer.Ordinal))
        {
            return OAuthError.InvalidClientMetadata(ErrorIds.OpenRegistrationClientCredentials,
                "open registration does not accept the client_credentials grant type; ask the operator for an initial access token");
        }

        if (client.TokenEndpointAuthMethod == AuthMethods.None)
        {
            return null;
        }

        if (client.RedirectUris.Count == 0)
        {
            return OAuthError.InvalidClientMetadata(ErrorIds.OpenRegistrationNoRedirectUri,
                "open registration accepts confidential clients with https or loopback redirect_uris only");
        }

        foreach (var redirect in client.RedirectUris)
        {
            if (!Uri.TryCreate(redirect, UriKind.Absolute, out var uri) || !(uri.Scheme == Uri.UriSchemeHttps || RedirectUris.IsLoopbackHttp(uri)))
            {
                return OAuthError.InvalidRedirectUri(ErrorIds.OpenRegistrationRedirectUriUnsafe,
                    "open registration accepts confidential clients whose redirect_uris are https or http on a loopback address only");
            }
        }

        return null;
    }
}
