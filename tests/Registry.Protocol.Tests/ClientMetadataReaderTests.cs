using System.Text;
using Registry.Protocol.Errors;
using Registry.Protocol.Metadata;

namespace Registry.Protocol.Tests;

public sealed class ClientMetadataReaderTests
{
    public static TheoryData<string, string> WrongTypes => new()
    {
        { """{"redirect_uris": "https://a.example"}""", "redirect_uris must be an array of strings" },
        { """{"redirect_uris": [1]}""", "redirect_uris[0] must be a string" },
        { """{"grant_types": {"a": 1}}""", "grant_types must be an array of strings" },
        { """{"response_types": [null]}""", "response_types[0] must be a string" },
        { """{"scope": ["openid"]}""", "scope must be a string" },
        { """{"client_name": 42}""", "client_name must be a string" },
        { """{"contacts": "ops@example.com"}""", "contacts must be an array of strings" },
        { """{"token_expiration_time_seconds": "1800"}""", "token_expiration_time_seconds must be an integer" },
        { """{"token_expiration_time_seconds": 1.5}""", "token_expiration_time_seconds must be an integer" },
        { """{"refresh_token_expiration_time_seconds": 1e99}""", "refresh_token_expiration_time_seconds must be an integer" },
        { """{"require_auth_time": "true"}""", "require_auth_time must be true or false" },
        { """{"is_consent_disabled": 0}""", "is_consent_disabled must be true or false" },
        { """{"jwks": "{}"}""", "jwks must be a JWK Set" },
        { """{"jwks": {"keys": {}}}""", "jwks must be a JWK Set" },
        { """{"jwks": {"keys": [{"n": "x"}]}}""", "jwks.keys[0] must be a JWK object with a 'kty' member" },
        { """{"client_name#fr": 1}""", "client_name#fr must be a string" },
    };

    [Theory]
    [MemberData(nameof(WrongTypes))]
    public void Wrong_json_types_are_invalid_client_metadata_naming_the_field(string json, string description)
    {
        var error = ReadError(json);

        Assert.Equal(OAuthErrorCodes.InvalidClientMetadata, error.Code);
        Assert.Equal(400, error.Status);
        Assert.Contains(description, error.Description, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{", "not valid JSON")]
    [InlineData("", "not valid JSON")]
    [InlineData("{\"a\":1} trailing", "not valid JSON")]
    [InlineData("[]", "must be a JSON object")]
    [InlineData("\"text\"", "must be a JSON object")]
    [InlineData("null", "must be a JSON object")]
    [InlineData("42", "must be a JSON object")]
    [InlineData("""{"scope": "a", "scope": "b"}""", "scope appears more than once")]
    [InlineData("""{"client_name": "a\u0000b"}""", "client_name contains a control character")]
    [InlineData("""{"client_name": "line\nbreak"}""", "client_name contains a control character")]
    [InlineData("""{"redirect_uris": ["https://a.example/\u001b"]}""", "redirect_uris[0] contains a control character")]
    [InlineData("""{"client_name": "\ud800"}""", "not valid Unicode")]
    public void Malformed_bodies_are_refused_with_a_description(string json, string description)
    {
        var error = ReadError(json);

        Assert.Equal(OAuthErrorCodes.InvalidClientMetadata, error.Code);
        Assert.Contains(description, error.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_utf8_is_refused()
    {
        var bytes = new byte[] { (byte)'{', (byte)'"', (byte)'a', (byte)'"', (byte)':', (byte)'"', 0xC3, 0x28, (byte)'"', (byte)'}' };

        var outcome = ClientMetadataReader.Read(bytes);

        Assert.Equal(OAuthErrorCodes.InvalidClientMetadata, outcome.Error?.Code);
    }

    [Fact]
    public void Deep_nesting_is_refused_not_crashed()
    {
        var json = "{\"x\":" + new string('[', 200) + new string(']', 200) + "}";

        Assert.Equal(OAuthErrorCodes.InvalidClientMetadata, ReadError(json).Code);
    }

    [Fact]
    public void Absurd_array_sizes_are_refused()
    {
        var uris = string.Join(',', Enumerable.Range(0, MetadataLimits.MaxArrayItems + 1).Select(i => $"\"https://a.example/{i}\""));

        var error = ReadError($$"""{"redirect_uris": [{{uris}}]}""");

        Assert.Contains($"redirect_uris has {MetadataLimits.MaxArrayItems + 1} entries", error.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Overlong_strings_are_refused()
    {
        var error = ReadError($$"""{"client_name": "{{new string('a', MetadataLimits.MaxStringLength + 1)}}"}""");

        Assert.Contains("client_name is longer than", error.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Oversized_jwks_is_refused()
    {
        var key = $$"""{"kty":"oct","k":"{{new string('A', MetadataLimits.MaxJwksBytes)}}"}""";

        Assert.Contains("jwks is larger than", ReadError("{\"jwks\": {\"keys\": [" + key + "]}}").Description, StringComparison.Ordinal);
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
        var request = TestData.Read("""{"client_name#fr-CA": "Service", "tos_uri#de": "https://a.example/agb", "scope#fr": "x", "client_name#": "y"}""");

        Assert.Equal(2, request.Localized.Count);
        Assert.Equal("Service", request.Localized["client_name#fr-CA"]);
        Assert.Equal("https://a.example/agb", request.Localized["tos_uri#de"]);
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
    public void Inline_jwks_is_kept_as_its_json_text()
    {
        var request = TestData.Read("""{"jwks": {"keys": [{"kty": "EC", "crv": "P-256", "x": "a", "y": "b"}]}}""");

        Assert.Contains("\"crv\": \"P-256\"", request.Jwks, StringComparison.Ordinal);
    }

    private static OAuthError ReadError(string json)
    {
        var outcome = ClientMetadataReader.Read(Encoding.UTF8.GetBytes(json));
        Assert.False(outcome.IsSuccess);
        return outcome.Error;
    }
}
