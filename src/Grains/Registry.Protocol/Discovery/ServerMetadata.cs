using System.Text.Json;
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
        Strings(w, "grant_types_supported", [GrantTypes.ClientCredentials]);
        Strings(w, "token_endpoint_auth_methods_supported", AuthMethods.Supported);
        Strings(w, "scopes_supported", policy.AllowedScopes);
        Strings(w, "response_types_supported", []);
        Strings(w, "subject_types_supported", ["public"]);
        Strings(w, "id_token_signing_alg_values_supported", signingAlgorithms);
        Strings(w, "access_token_signing_alg_values_supported", signingAlgorithms);
        w.WriteBoolean("tls_client_certificate_bound_access_tokens", false);
        w.WriteEndObject();
    }

    private static void Strings(Utf8JsonWriter w, string name, IReadOnlyList<string> values)
    {
        w.WriteStartArray(name);
        foreach (var value in values)
        {
            w.WriteStringValue(value);
        }

        w.WriteEndArray();
    }
}
