using System.Text.Json;
using Registry.Protocol.Authorization;
using Registry.Protocol.Json;
using Registry.Protocol.Metadata;

namespace Registry.Protocol.Discovery;

/// <summary>
/// Authorization server metadata (RFC 8414 §2), also served as the OpenID Connect Discovery document. It describes
/// the tenant honestly: the authorization endpoint, the code response type and the authorization_code and
/// refresh_token grants only when the tenant can sign users in (it has an upstream OpenID Provider); public clients
/// (<c>none</c>) only when its policy allows them. Registry issues no ID tokens, so no OpenID-specific member
/// (ID token algorithms, subject types) is advertised. Introspection (RFC 7662) and revocation (RFC 7009) take the
/// token endpoint's client authentication; introspection only from confidential clients.
/// </summary>
public static class ServerMetadata
{
    public static void Write(Utf8JsonWriter w, string issuer, RegistrationPolicy policy, IReadOnlyList<string> signingAlgorithms, bool signsInUsers)
    {
        w.WriteStartObject();
        w.WriteString("issuer", issuer);
        if (signsInUsers)
        {
            w.WriteString("authorization_endpoint", issuer + "/authorize");
        }

        w.WriteString("token_endpoint", issuer + "/token");
        w.WriteString("registration_endpoint", issuer + "/register");
        w.WriteString("jwks_uri", issuer + "/jwks");
        w.WriteStringArray("grant_types_supported",
            signsInUsers ? [GrantTypes.AuthorizationCode, GrantTypes.RefreshToken, GrantTypes.ClientCredentials] : [GrantTypes.ClientCredentials]);
        string[] tokenAuthMethods = [.. AuthMethods.Supported.Where(m => m != AuthMethods.None || signsInUsers && policy.AllowsAuthMethod(m))];
        w.WriteStringArray("token_endpoint_auth_methods_supported", tokenAuthMethods);
        w.WriteStringArray("scopes_supported", policy.AllowedScopes);
        w.WriteStringArray("response_types_supported", signsInUsers ? [ResponseTypes.Code] : []);
        if (signsInUsers)
        {
            w.WriteStringArray("response_modes_supported", ["query"]);
            w.WriteStringArray("code_challenge_methods_supported", [Pkce.S256]);
            w.WriteBoolean("authorization_response_iss_parameter_supported", true);
        }

        // RFC 7662 §2.1 / RFC 8414 §2: only confidential clients introspect; RFC 7009 §2.1: a public client revokes its own tokens.
        w.WriteString("introspection_endpoint", issuer + "/introspect");
        w.WriteStringArray("introspection_endpoint_auth_methods_supported", AuthMethods.Confidential);
        w.WriteString("revocation_endpoint", issuer + "/revoke");
        w.WriteStringArray("revocation_endpoint_auth_methods_supported", tokenAuthMethods);
        w.WriteStringArray("access_token_signing_alg_values_supported", signingAlgorithms);
        w.WriteBoolean("tls_client_certificate_bound_access_tokens", false);
        w.WriteEndObject();
    }
}
