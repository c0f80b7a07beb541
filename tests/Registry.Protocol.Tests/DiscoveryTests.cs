using System.Security.Cryptography;
using System.Text.Json;
using Registry.Protocol.Discovery;
using Registry.Protocol.Security;

namespace Registry.Protocol.Tests;

public sealed class DiscoveryTests
{
    [Fact]
    public void Jwk_thumbprint_matches_the_rfc7638_example()
    {
        // RFC 7638 §3.1.
        const string N = "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw";

        Assert.Equal("NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs", PublicJwk.Thumbprint("RSA", [("e", "AQAB"), ("n", N)]));
    }

    [Fact]
    public void A_published_rsa_key_round_trips_to_the_same_public_key()
    {
        using var rsa = RSA.Create(2048);
        var jwk = PublicJwk.FromRsa(rsa.ExportParameters(false), "RS256");

        var document = Write(w => PublicJwk.WriteSet(w, [jwk]));
        var key = document.GetProperty("keys")[0];

        Assert.Equal("RSA", key.GetProperty("kty").GetString());
        Assert.Equal("sig", key.GetProperty("use").GetString());
        Assert.Equal(jwk.Kid, key.GetProperty("kid").GetString());
        Assert.Equal(rsa.ExportParameters(false).Modulus, System.Buffers.Text.Base64Url.DecodeFromChars(key.GetProperty("n").GetString()));
        Assert.False(key.TryGetProperty("d", out _));
    }

    [Fact]
    public void A_published_p256_key_carries_crv_x_y_and_its_thumbprint()
    {
        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var parameters = ec.ExportParameters(false);
        var jwk = PublicJwk.FromEc(parameters, "ES256");

        var key = Write(w => jwk.Write(w));

        Assert.Equal(("EC", "P-256", "ES256"), (key.GetProperty("kty").GetString(), key.GetProperty("crv").GetString(), key.GetProperty("alg").GetString()));
        Assert.Equal(parameters.Q.X, System.Buffers.Text.Base64Url.DecodeFromChars(key.GetProperty("x").GetString()));
        Assert.Equal(parameters.Q.Y, System.Buffers.Text.Base64Url.DecodeFromChars(key.GetProperty("y").GetString()));
        var canonical = $"{{\"crv\":\"P-256\",\"kty\":\"EC\",\"x\":\"{key.GetProperty("x").GetString()}\",\"y\":\"{key.GetProperty("y").GetString()}\"}}";
        Assert.Equal(System.Buffers.Text.Base64Url.EncodeToString(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(canonical))), jwk.Kid);
        Assert.False(key.TryGetProperty("d", out _));
    }

    [Fact]
    public void Server_metadata_of_a_tenant_without_sign_in_describes_client_credentials_only()
    {
        var document = Write(w => ServerMetadata.Write(w, "https://id.example/tenants/acme", TestData.Policy, ["RS256"], signsInUsers: false));

        Assert.Equal("https://id.example/tenants/acme", document.GetProperty("issuer").GetString());
        Assert.Equal("https://id.example/tenants/acme/token", document.GetProperty("token_endpoint").GetString());
        Assert.Equal("https://id.example/tenants/acme/register", document.GetProperty("registration_endpoint").GetString());
        Assert.Equal("https://id.example/tenants/acme/jwks", document.GetProperty("jwks_uri").GetString());
        Assert.False(document.TryGetProperty("authorization_endpoint", out _));
        Assert.Equal(["client_credentials"], document.GetProperty("grant_types_supported").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["client_secret_basic", "client_secret_post"], document.GetProperty("token_endpoint_auth_methods_supported").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["openid", "profile", "email", "api.read"], document.GetProperty("scopes_supported").EnumerateArray().Select(e => e.GetString()));
        Assert.Empty(document.GetProperty("response_types_supported").EnumerateArray());
        Assert.Equal(["RS256"], document.GetProperty("access_token_signing_alg_values_supported").EnumerateArray().Select(e => e.GetString()));
        Assert.False(document.GetProperty("tls_client_certificate_bound_access_tokens").GetBoolean());

        // No ID tokens are issued, so nothing OpenID-specific is advertised.
        Assert.False(document.TryGetProperty("id_token_signing_alg_values_supported", out _));
        Assert.False(document.TryGetProperty("subject_types_supported", out _));
        Assert.Equal(14, document.EnumerateObject().Count());
    }

    [Fact]
    public void Server_metadata_of_a_tenant_that_signs_users_in_describes_the_code_flow_with_pkce()
    {
        var policy = TestData.Policy with { AllowedAuthMethods = ["client_secret_basic", "none"] };

        var document = Write(w => ServerMetadata.Write(w, "https://id.example", policy, ["ES256"], signsInUsers: true));

        Assert.Equal("https://id.example/authorize", document.GetProperty("authorization_endpoint").GetString());
        Assert.Equal(["authorization_code", "refresh_token", "client_credentials"], document.GetProperty("grant_types_supported").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["code"], document.GetProperty("response_types_supported").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["S256"], document.GetProperty("code_challenge_methods_supported").EnumerateArray().Select(e => e.GetString()));
        Assert.True(document.GetProperty("authorization_response_iss_parameter_supported").GetBoolean());

        // "none" is listed because this tenant allows public clients; every supported method is listed otherwise.
        Assert.Equal(["client_secret_basic", "client_secret_post", "none"], document.GetProperty("token_endpoint_auth_methods_supported").EnumerateArray().Select(e => e.GetString()));
        Assert.False(document.TryGetProperty("id_token_signing_alg_values_supported", out _));
    }

    /// <summary>RFC 8414 §2 with RFC 7662 and RFC 7009: introspection for confidential clients, revocation also for public ones where allowed.</summary>
    [Theory]
    [InlineData(false, "client_secret_basic client_secret_post")]
    [InlineData(true, "client_secret_basic client_secret_post none")]
    public void Introspection_and_revocation_endpoints_are_advertised_with_their_auth_methods(bool signsInUsers, string revocationMethods)
    {
        var policy = TestData.Policy with { AllowedAuthMethods = ["client_secret_basic", "none"] };

        var document = Write(w => ServerMetadata.Write(w, "https://id.example/tenants/acme", policy, ["RS256"], signsInUsers));

        Assert.Equal("https://id.example/tenants/acme/introspect", document.GetProperty("introspection_endpoint").GetString());
        Assert.Equal("https://id.example/tenants/acme/revoke", document.GetProperty("revocation_endpoint").GetString());
        Assert.Equal(["client_secret_basic", "client_secret_post"], document.GetProperty("introspection_endpoint_auth_methods_supported").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(revocationMethods.Split(' '), document.GetProperty("revocation_endpoint_auth_methods_supported").EnumerateArray().Select(e => e.GetString()));
    }

    /// <summary>Public clients exist for the code flow: without sign-in "none" is not advertised, whatever the policy allows.</summary>
    [Fact]
    public void A_tenant_without_sign_in_advertises_neither_public_clients_nor_the_code_flow_members()
    {
        var policy = TestData.Policy with { AllowedAuthMethods = ["none"] };

        var document = Write(w => ServerMetadata.Write(w, "https://id.example", policy, ["RS256"], signsInUsers: false));

        Assert.Equal(["client_secret_basic", "client_secret_post"], document.GetProperty("token_endpoint_auth_methods_supported").EnumerateArray().Select(e => e.GetString()));
        Assert.False(document.TryGetProperty("response_modes_supported", out _));
        Assert.False(document.TryGetProperty("code_challenge_methods_supported", out _));
        Assert.False(document.TryGetProperty("authorization_response_iss_parameter_supported", out _));
    }

    [Fact]
    public void A_tenant_that_signs_users_in_answers_in_the_query_and_lists_every_member_once()
    {
        var document = Write(w => ServerMetadata.Write(w, "https://id.example", TestData.Policy, ["RS256"], signsInUsers: true));

        Assert.Equal(["query"], document.GetProperty("response_modes_supported").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(18, document.EnumerateObject().Count());
        Assert.Equal(18, document.EnumerateObject().Select(p => p.Name).Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Public_clients_are_advertised_only_where_the_tenant_allows_them()
    {
        var document = Write(w => ServerMetadata.Write(w, "https://id.example", TestData.Policy, ["RS256"], signsInUsers: true));

        Assert.Equal(["client_secret_basic", "client_secret_post"], document.GetProperty("token_endpoint_auth_methods_supported").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public void A_published_rsa_key_without_a_given_id_is_identified_by_its_rfc7638_thumbprint()
    {
        using var rsa = RSA.Create(2048);
        var parameters = rsa.ExportParameters(false);

        var jwk = PublicJwk.FromRsa(parameters, "RS256");
        var named = PublicJwk.FromRsa(parameters, "RS256", "my-key");

        var e = System.Buffers.Text.Base64Url.EncodeToString(parameters.Exponent);
        var n = System.Buffers.Text.Base64Url.EncodeToString(parameters.Modulus);
        Assert.Equal(PublicJwk.Thumbprint("RSA", [("e", e), ("n", n)]), jwk.Kid);
        Assert.Equal([("e", e), ("n", n)], jwk.Members);
        Assert.Equal(("my-key", "RSA", "RS256"), (named.Kid, named.Kty, named.Alg));
    }

    [Fact]
    public void An_ec_key_keeps_a_given_id_and_only_p256_keys_are_published()
    {
        using var p256 = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var p384 = ECDsa.Create(ECCurve.NamedCurves.nistP384);

        Assert.Equal("mine", PublicJwk.FromEc(p256.ExportParameters(false), "ES256", "mine").Kid);
        Assert.Throws<ArgumentException>(() => PublicJwk.FromEc(p384.ExportParameters(false), "ES384"));
    }

    private static JsonElement Write(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        using var document = JsonDocument.Parse(buffer.ToArray());
        return document.RootElement.Clone();
    }
}
