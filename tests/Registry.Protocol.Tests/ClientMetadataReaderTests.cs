using System.Text;
using Registry.Protocol.Errors;
using Registry.Protocol.Metadata;

namespace Registry.Protocol.Tests;

/// <summary>Reading a registration body: JSON types and sizes member by member, each failure with its id and naming the member.</summary>
public sealed class ClientMetadataReaderTests
{
    /// <summary>(body, error id, the member the description must name)</summary>
    public static TheoryData<string, string, string> WrongTypes => new()
    {
        { """{"redirect_uris": "https://a.example"}""", ErrorIds.MetadataWrongType, "redirect_uris" },
        { """{"redirect_uris": [1]}""", ErrorIds.MetadataWrongType, "redirect_uris[0]" },
        { """{"redirect_uris": ["https://a.example", "https://b.example", 3]}""", ErrorIds.MetadataWrongType, "redirect_uris[2]" },
        { """{"grant_types": {"a": 1}}""", ErrorIds.MetadataWrongType, "grant_types" },
        { """{"response_types": [null]}""", ErrorIds.MetadataWrongType, "response_types[0]" },
        { """{"scope": ["openid"]}""", ErrorIds.MetadataWrongType, "scope" },
        { """{"client_name": 42}""", ErrorIds.MetadataWrongType, "client_name" },
        { """{"contacts": "ops@example.com"}""", ErrorIds.MetadataWrongType, "contacts" },
        { """{"token_expiration_time_seconds": "1800"}""", ErrorIds.MetadataWrongType, "token_expiration_time_seconds" },
        { """{"token_expiration_time_seconds": 1.5}""", ErrorIds.MetadataWrongType, "token_expiration_time_seconds" },
        { """{"refresh_token_expiration_time_seconds": 1e99}""", ErrorIds.MetadataWrongType, "refresh_token_expiration_time_seconds" },
        { """{"require_auth_time": "true"}""", ErrorIds.MetadataWrongType, "require_auth_time" },
        { """{"is_consent_disabled": 0}""", ErrorIds.MetadataWrongType, "is_consent_disabled" },
        { """{"jwks": "{}"}""", ErrorIds.JwksMalformed, "jwks" },
        { """{"jwks": {"keys": {}}}""", ErrorIds.JwksMalformed, "jwks" },
        { """{"jwks": {"other": []}}""", ErrorIds.JwksMalformed, "jwks" },
        { """{"jwks": {"keys": [{"n": "x"}]}}""", ErrorIds.JwksMalformed, "jwks.keys[0]" },
        { """{"jwks": {"keys": [{"kty": "EC"}, {"kty": 1}]}}""", ErrorIds.JwksMalformed, "jwks.keys[1]" },
        { """{"jwks": {"keys": [{"kty": "oct", "k": "c2VjcmV0"}], "keys": []}}""", ErrorIds.JwksMalformed, "jwks" },
        { """{"jwks": {"keys": [{"kty": "RSA", "kty": "oct"}]}}""", ErrorIds.JwksMalformed, "jwks" },
        { """{"jwks": {"keys": [{"kty": "RSA", "x5c": [{"a": 1, "a": 2}]}]}}""", ErrorIds.JwksMalformed, "jwks" },
        { """{"jwks": {"keys": [{"kty": "EC"}, "key"]}}""", ErrorIds.JwksMalformed, "jwks.keys[1]" },
        { """{"client_name#fr": 1}""", ErrorIds.MetadataWrongType, "client_name#fr" },
    };

    [Theory]
    [MemberData(nameof(WrongTypes))]
    public void Wrong_json_types_are_invalid_client_metadata_naming_the_member(string json, string id, string member)
    {
        var error = ReadError(json);

        Assert.Equal((OAuthErrorCodes.InvalidClientMetadata, id), (error.Code, error.Id));
        Assert.StartsWith(member + " ", error.Description, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{", ErrorIds.MetadataNotJson)]
    [InlineData("", ErrorIds.MetadataNotJson)]
    [InlineData("{\"a\":1} trailing", ErrorIds.MetadataNotJson)]
    [InlineData("[]", ErrorIds.MetadataNotAnObject)]
    [InlineData("\"text\"", ErrorIds.MetadataNotAnObject)]
    [InlineData("null", ErrorIds.MetadataNotAnObject)]
    [InlineData("42", ErrorIds.MetadataNotAnObject)]
    [InlineData("""{"scope": "a", "scope": "b"}""", ErrorIds.MetadataDuplicateMember)]
    [InlineData("""{"client_name": "a", "client_name": "a"}""", ErrorIds.MetadataDuplicateMember)]
    [InlineData("""{"client_name": "a\u0000b"}""", ErrorIds.MetadataControlCharacter)]
    [InlineData("""{"client_name": "line\nbreak"}""", ErrorIds.MetadataControlCharacter)]
    [InlineData("""{"client_name": "delete\u007f"}""", ErrorIds.MetadataControlCharacter)]
    [InlineData("""{"client_name": "c1\u0085control"}""", ErrorIds.MetadataControlCharacter)]
    [InlineData("""{"redirect_uris": ["https://a.example/\u001b"]}""", ErrorIds.MetadataControlCharacter)]
    [InlineData("""{"client_name": "\ud800"}""", ErrorIds.MetadataInvalidUnicode)]
    public void Malformed_bodies_are_refused(string json, string id)
    {
        var error = ReadError(json);

        Assert.Equal((OAuthErrorCodes.InvalidClientMetadata, id), (error.Code, error.Id));
        Assert.True(error.Description.Length > 10, $"'{error.Description}' explains nothing");
    }

    [Fact]
    public void Invalid_utf8_is_refused()
    {
        var bytes = new byte[] { (byte)'{', (byte)'"', (byte)'a', (byte)'"', (byte)':', (byte)'"', 0xC3, 0x28, (byte)'"', (byte)'}' };

        var outcome = ClientMetadataReader.Read(bytes);

        Assert.Equal((OAuthErrorCodes.InvalidClientMetadata, ErrorIds.MetadataNotUtf8), (outcome.Error?.Code, outcome.Error?.Id));
        Assert.True(outcome.Error?.Description.Length > 10);
    }

    [Fact]
    public void Deep_nesting_is_refused_not_crashed()
    {
        var json = "{\"x\":" + new string('[', 200) + new string(']', 200) + "}";

        Assert.Equal(ErrorIds.MetadataNotJson, ReadError(json).Id);
    }

    [Fact]
    public void Arrays_hold_at_most_the_limit()
    {
        string Uris(int count) => string.Join(',', Enumerable.Range(0, count).Select(i => $"\"https://a.example/{i}\""));

        Assert.Equal(MetadataLimits.MaxArrayItems, TestData.Read($$"""{"redirect_uris": [{{Uris(MetadataLimits.MaxArrayItems)}}]}""").RedirectUris!.Count);
        var error = ReadError($$"""{"redirect_uris": [{{Uris(MetadataLimits.MaxArrayItems + 1)}}]}""");
        Assert.Equal(ErrorIds.MetadataTooManyItems, error.Id);
        Assert.StartsWith("redirect_uris ", error.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Strings_hold_at_most_the_limit()
    {
        var longest = new string('a', MetadataLimits.MaxStringLength);

        Assert.Equal(longest, TestData.Read($$"""{"client_name": "{{longest}}"}""").ClientName);
        Assert.Equal((ErrorIds.MetadataTooLong, true), (ReadError($$"""{"client_name": "{{longest}}a"}""") is var e ? (e.Id, e.Description.StartsWith("client_name ", StringComparison.Ordinal)) : default));
        Assert.Equal((ErrorIds.MetadataTooLong, true), (ReadError($$"""{"contacts": ["{{longest}}a"]}""") is var c ? (c.Id, c.Description.StartsWith("contacts[0] ", StringComparison.Ordinal)) : default));
    }

    [Fact]
    public void An_inline_jwks_holds_at_most_the_limit()
    {
        string Jwks(int size)
        {
            var empty = """{"keys":[{"kty":"oct","k":""}]}""";
            return $$"""{"keys":[{"kty":"oct","k":"{{new string('A', size - empty.Length)}}"}]}""";
        }

        Assert.Equal(MetadataLimits.MaxJwksBytes, Encoding.UTF8.GetByteCount(TestData.Read($$"""{"jwks": {{Jwks(MetadataLimits.MaxJwksBytes)}}}""").Jwks!));
        var error = ReadError($$"""{"jwks": {{Jwks(MetadataLimits.MaxJwksBytes + 1)}}}""");
        Assert.Equal(ErrorIds.JwksTooLarge, error.Id);
        Assert.StartsWith("jwks ", error.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Null_means_omitted_and_unknown_members_are_ignored()
    {
        var request = TestData.Read("""{"scope": null, "client_name": "svc", "x-vendor": {"deep": [1, 2]}, "frobnicate": true}""");

        Assert.Null(request.Scope);
        Assert.Equal("svc", request.ClientName);
    }

    [Fact]
    public void Language_tagged_members_are_kept_and_lookalikes_ignored()
    {
        var tag35 = new string('x', 35);
        var request = TestData.Read($$"""
            {"client_name#fr-CA": "Service", "tos_uri#de": "https://a.example/agb", "scope#fr": "x", "client_name#": "y",
             "client_name#!fr": "z", "client_name#f r": "z", "#fr": "z", "client_name#{{tag35}}": "35", "client_name#{{tag35}}y": "36"}
            """);

        Assert.Equal(["client_name#fr-CA", "tos_uri#de", "client_name#" + tag35], request.Localized.Keys);
        Assert.Equal("Service", request.Localized["client_name#fr-CA"]);
    }

    [Fact]
    public void Language_tagged_members_are_bounded_in_number()
    {
        string Members(int count) => string.Join(',', Enumerable.Range(0, count).Select(i => $"\"client_name#l{i}\": \"n\""));

        Assert.Equal(MetadataLimits.MaxLocalizedValues, TestData.Read("{" + Members(MetadataLimits.MaxLocalizedValues) + "}").Localized.Count);
        var error = ReadError("{" + Members(MetadataLimits.MaxLocalizedValues + 1) + "}");
        Assert.Equal(ErrorIds.MetadataTooManyLocalized, error.Id);
        Assert.Contains(MetadataLimits.MaxLocalizedValues.ToString(System.Globalization.CultureInfo.InvariantCulture), error.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Server_managed_members_and_credentials_are_recorded_for_the_update_rules()
    {
        var request = TestData.Read("""{"client_id": "abc", "client_secret": "s", "registration_access_token": "t", "client_id_issued_at": 1}""");

        Assert.Equal("abc", request.ClientId);
        Assert.Equal("s", request.ClientSecret);
        Assert.Equal(["registration_access_token", "client_id_issued_at"], request.ServerManagedFieldsSent);
    }

    [Fact]
    public void Every_member_is_read_into_its_own_property()
    {
        var request = TestData.Read("""
            {"redirect_uris": ["r"], "token_endpoint_auth_method": "tam", "grant_types": ["g"], "response_types": ["rt"], "client_name": "cn",
             "client_uri": "cu", "logo_uri": "lu", "scope": "s", "contacts": ["c"], "tos_uri": "tu", "policy_uri": "pu", "jwks_uri": "ju",
             "software_id": "si", "software_version": "sv", "software_statement": "ss", "application_type": "at", "subject_type": "st",
             "id_token_signed_response_alg": "ia", "post_logout_redirect_uris": ["pl"], "require_auth_time": true, "default_acr_values": ["da"],
             "frontchannel_logout_session_required": true, "backchannel_logout_session_required": true, "backchannel_user_code_parameter": true,
             "tls_client_certificate_bound_access_token": true, "authorization_signed_response_alg": "asa", "authorization_data_types": ["adt"],
             "token_signed_response_alg": "tsa", "token_encrypted_response_alg": "tea", "token_encrypted_response_enc": "tee",
             "token_expiration_time_seconds": 11, "refresh_token_expiration_time_seconds": 12, "preferred_token_profile": "ptp",
             "is_consent_disabled": true}
            """);

        Assert.Equal(
            ("r", "tam", "g", "rt", "cn", "cu", "lu", "s", "c", "tu", "pu", "ju", "si", "sv", "ss", "at", "st", "ia", "pl", "da"),
            (request.RedirectUris![0], request.TokenEndpointAuthMethod, request.GrantTypes![0], request.ResponseTypes![0], request.ClientName,
             request.ClientUri, request.LogoUri, request.Scope, request.Contacts![0], request.TosUri, request.PolicyUri, request.JwksUri,
             request.SoftwareId, request.SoftwareVersion, request.SoftwareStatement, request.ApplicationType, request.SubjectType,
             request.IdTokenSignedResponseAlg, request.PostLogoutRedirectUris![0], request.DefaultAcrValues![0]));
        Assert.Equal(
            (true, true, true, true, true, "asa", "adt", "tsa", "tea", "tee", 11L, 12L, "ptp", true),
            (request.RequireAuthTime, request.FrontchannelLogoutSessionRequired, request.BackchannelLogoutSessionRequired,
             request.BackchannelUserCodeParameter, request.TlsClientCertificateBoundAccessToken, request.AuthorizationSignedResponseAlg,
             request.AuthorizationDataTypes![0], request.TokenSignedResponseAlg, request.TokenEncryptedResponseAlg,
             request.TokenEncryptedResponseEnc, request.TokenExpirationTimeSeconds, request.RefreshTokenExpirationTimeSeconds,
             request.PreferredTokenProfile, request.IsConsentDisabled));
        Assert.False(TestData.Read("""{"require_auth_time": false}""").RequireAuthTime);
    }

    [Fact]
    public void Inline_jwks_is_kept_as_its_json_text()
    {
        var request = TestData.Read("""{"jwks": {"keys": [{"kty": "EC", "crv": "P-256", "x": "a", "y": "b"}]}}""");

        Assert.Equal("""{"keys": [{"kty": "EC", "crv": "P-256", "x": "a", "y": "b"}]}""", request.Jwks);
    }

    private static OAuthError ReadError(string json)
    {
        var outcome = ClientMetadataReader.Read(Encoding.UTF8.GetBytes(json));
        Assert.False(outcome.IsSuccess);
        return outcome.Error;
    }
}
