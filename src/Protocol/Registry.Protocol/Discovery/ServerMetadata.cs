using System.Text.Json;
using Registry.Protocol.Json;
using Registry.Protocol.Metadata;

namespace Registry.Protocol.Discovery;

/// <summary>
/// Authorization server metadata (RFC 8414 §2) doubling as the OpenID Connect Discovery document.
/// It describes this server honestly: a token endpoint for client_credentials and a registration endpoint;
/// there is no authorization endpoint, so no response type is served here (registered response_types are
/// stored for the client's use elsewhere).
/// </summary>
public static class ServerMetadata
{
    public static void Write(Utf8JsonWriter w, string issuer, RegistrationPolicy policy, IReadOnlyList<string> signingAlgorithms)
    {
        w.WriteStartObject();
        w.WriteString("issuer", issuer);
        w.WriteString("token_endpoint", issuer + "/token");
        w.WriteString("registration_endpoint", issuer + "/register");
        w.WriteString("jwks_uri", issuer + "/jwks");
        w.WriteStringArray("grant_types_supported", [GrantTypes.ClientCredentials]);
        w.WriteStringArray("token_endpoint_auth_methods_supported", AuthMethods.Supported);
        w.WriteStringArray("scopes_supported", policy.AllowedScopes);
        w.WriteStringArray("response_types_supported", []);
        w.WriteStringArray("subject_types_supported", ["public"]);
        w.WriteStringArray("id_token_signing_alg_values_supported", signingAlgorithms);
        w.WriteStringArray("access_token_signing_alg_values_supported", signingAlgorithms);
        w.WriteBoolean("tls_client_certificate_bound_access_tokens", false);
        w.WriteEndObject();
    }

}
