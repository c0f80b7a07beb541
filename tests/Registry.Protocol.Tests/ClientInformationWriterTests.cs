using System.Text.Json;
using Registry.Protocol.Json;
using Registry.Protocol.Metadata;

namespace Registry.Protocol.Tests;

public sealed class ClientInformationWriterTests
{
    private static readonly DateTimeOffset Created = new(2023, 6, 12, 19, 24, 24, TimeSpan.Zero);

    [Fact]
    public void Every_member_of_the_example_response_is_written_with_the_same_json_type()
    {
        var written = Write(Information(Validated(TestData.ExampleRegistration)));
        var example = TestData.ExampleRegistrationResponse();

        foreach (var member in example.EnumerateObject())
        {
            Assert.True(written.TryGetProperty(member.Name, out var value), $"missing {member.Name}");
            Assert.True(member.Value.ValueKind == value.ValueKind, $"{member.Name}: {value.ValueKind} instead of {member.Value.ValueKind}");
        }
    }

    [Fact]
    public void Rfc7591_members_and_values_are_written()
    {
        var written = Write(Information(Validated(TestData.ExampleRegistration)));

        Assert.Equal(0, written.GetProperty("client_secret_expires_at").GetInt64());
        Assert.Equal(Created.ToUnixTimeSeconds(), written.GetProperty("client_id_issued_at").GetInt64());
        Assert.Equal("2023-06-12T19:24:24.0000000Z", written.GetProperty("create_datetime").GetString());
        Assert.Equal("https://r.example/register/cid", written.GetProperty("registration_client_uri").GetString());
        Assert.Equal("client_credentials", written.GetProperty("grant_types")[0].GetString());
        Assert.Equal(0, written.GetProperty("jwks").GetProperty("keys").GetArrayLength());
    }

    [Fact]
    public void The_secret_appears_only_when_issued()
    {
        var info = Information(Validated(TestData.ExampleRegistration));

        Assert.Equal("s3cret", Write(info).GetProperty("client_secret").GetString());
        Assert.False(Write(info with { ClientSecret = null }).TryGetProperty("client_secret", out _));
    }

    [Fact]
    public void A_public_client_is_written_without_a_secret_and_its_expiry()
    {
        var info = Information(Validated(TestData.ExampleRegistration));
        var pub = info with { ClientSecret = "", Metadata = info.Metadata with { TokenEndpointAuthMethod = AuthMethods.None } };

        var written = Write(pub);

        Assert.False(written.TryGetProperty("client_secret", out _));
        Assert.False(written.TryGetProperty("client_secret_expires_at", out _));
        Assert.Equal("none", written.GetProperty("token_endpoint_auth_method").GetString());
        Assert.True(Write(info with { ClientSecret = "" }).TryGetProperty("client_secret_expires_at", out _));
    }

    [Fact]
    public void Optional_and_localized_members_appear_when_registered()
    {
        var metadata = Validated("""{"grant_types": ["client_credentials"], "client_name": "Svc", "client_name#fr": "Serv", "jwks_uri": "https://a.example/k", "software_id": "x"}""");

        var written = Write(Information(metadata));

        Assert.Equal("Svc", written.GetProperty("client_name").GetString());
        Assert.Equal("Serv", written.GetProperty("client_name#fr").GetString());
        Assert.Equal("https://a.example/k", written.GetProperty("jwks_uri").GetString());
        Assert.False(written.TryGetProperty("jwks", out _));
        Assert.False(written.TryGetProperty("logo_uri", out _));
    }

    [Fact]
    public void Every_registered_member_is_written_with_its_value()
    {
        var metadata = Validated($$"""
            {"grant_types": ["client_credentials"], "client_uri": "https://a.example", "logo_uri": "https://a.example/l", "tos_uri": "https://a.example/t",
             "policy_uri": "https://a.example/p", "software_id": "si", "software_version": "sv", "contacts": ["c@a.example"], "scope": "email",
             "token_expiration_time_seconds": 120, "refresh_token_expiration_time_seconds": 240, "require_auth_time": true, "is_consent_disabled": true,
             "frontchannel_logout_session_required": true, "backchannel_logout_session_required": true, "backchannel_user_code_parameter": true,
             "application_type": "native", "subject_type": "pairwise", "default_acr_values": ["acr"], "authorization_data_types": ["t"],
             "post_logout_redirect_uris": ["https://a.example/bye"], "id_token_signed_response_alg": "ES256", "token_signed_response_alg": "ES384",
             "authorization_signed_response_alg": "PS256", "token_encrypted_response_alg": "ECDH-ES", "token_encrypted_response_enc": "A256GCM",
             "jwks": {{TestKeys.Set(TestKeys.EcJwk("P-256"))}}}
            """);

        var written = Write(Information(metadata) with { ClientSecretExpiresAt = 1_900_000_000, UpdatedAt = Created.AddSeconds(1) });

        foreach (var (member, value) in new[]
        {
            ("client_uri", "https://a.example"), ("logo_uri", "https://a.example/l"), ("tos_uri", "https://a.example/t"), ("policy_uri", "https://a.example/p"),
            ("software_id", "si"), ("software_version", "sv"), ("scope", "email"), ("application_type", "native"), ("subject_type", "pairwise"),
            ("id_token_signed_response_alg", "ES256"), ("token_signed_response_alg", "ES384"), ("authorization_signed_response_alg", "PS256"),
            ("token_encrypted_response_alg", "ECDH-ES"), ("token_encrypted_response_enc", "A256GCM"), ("token_endpoint_auth_method", "client_secret_basic"),
            ("preferred_token_profile", "Bearer"), ("registration_access_token", "rat"), ("client_id", "cid"), ("update_datetime", "2023-06-12T19:24:25.0000000Z"),
        })
        {
            Assert.Equal(value, written.GetProperty(member).GetString());
        }

        foreach (var (member, value) in new[]
        {
            ("contacts", "c@a.example"), ("default_acr_values", "acr"), ("authorization_data_types", "t"), ("post_logout_redirect_uris", "https://a.example/bye"),
            ("grant_types", "client_credentials"), ("response_types", "code"),
        })
        {
            Assert.Equal(value, Assert.Single(written.GetProperty(member).EnumerateArray()).GetString());
        }

        foreach (var member in new[] { "require_auth_time", "is_consent_disabled", "frontchannel_logout_session_required", "backchannel_logout_session_required", "backchannel_user_code_parameter" })
        {
            Assert.True(written.GetProperty(member).GetBoolean(), member);
        }

        Assert.False(written.GetProperty("tls_client_certificate_bound_access_token").GetBoolean());
        Assert.Equal((120, 240, 1_900_000_000L), (written.GetProperty("token_expiration_time_seconds").GetInt32(), written.GetProperty("refresh_token_expiration_time_seconds").GetInt32(), written.GetProperty("client_secret_expires_at").GetInt64()));
        Assert.Equal("EC", written.GetProperty("jwks").GetProperty("keys")[0].GetProperty("kty").GetString());
    }

    private static ClientMetadata Validated(string json) => RegistrationRequestValidator.ValidateCreate(TestData.Read(json), TestData.Policy).Value!;

    private static ClientInformation Information(ClientMetadata metadata) => new()
    {
        ClientId = "cid",
        ClientSecret = "s3cret",
        RegistrationAccessToken = "rat",
        ClientIdIssuedAt = Created.ToUnixTimeSeconds(),
        CreatedAt = Created,
        UpdatedAt = Created,
        Metadata = metadata,
    };

    private static JsonElement Write(ClientInformation info)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            ClientInformationWriter.Write(writer, info, "https://r.example/register/cid");
        }

        using var document = JsonDocument.Parse(buffer.ToArray());
        return document.RootElement.Clone();
    }
}
