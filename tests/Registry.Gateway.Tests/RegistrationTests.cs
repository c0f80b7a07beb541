using System.Buffers.Text;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Registry.Gateway.Tenancy;
using Registry.Gateway.Tests.Infrastructure;
using Registry.Protocol.Errors;

namespace Registry.Gateway.Tests;

/// <summary>POST /register (RFC 7591): who may register, and what bad input gets.</summary>
[Collection(ServerCollectionDefinition.Name)]
public sealed class RegistrationTests(ServerFixture fixture)
{
    private HttpClient Http => fixture.Http;

    [Fact]
    public async Task Without_a_token_the_answer_is_401_with_a_bare_bearer_challenge()
    {
        var response = await Http.SendJsonAsync(HttpMethod.Post, "/register", null, OAuthClient.ExampleRegistration);

        await fixture.Server.AssertErrorAsync(response, HttpStatusCode.Unauthorized, "invalid_token", ErrorIds.BearerMissing);
        var (scheme, parameters) = response.Challenge();
        Assert.Equal("Bearer", scheme);
        Assert.Equal(["realm"], parameters.Keys);
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("a.b.c")]
    [InlineData("eyJhbGciOiJub25lIn0.eyJzY29wZSI6InJlZ2lzdGVyIn0.")]
    public async Task A_malformed_token_is_401_invalid_token(string token)
    {
        var response = await Http.SendJsonAsync(HttpMethod.Post, "/register", token, OAuthClient.ExampleRegistration);

        var body = await fixture.Server.AssertErrorAsync(response, HttpStatusCode.Unauthorized, "invalid_token", ErrorIds.BearerInvalid);
        var (scheme, parameters) = response.Challenge();
        Assert.Equal(("Bearer", "invalid_token", body.Str("error_description")), (scheme, parameters["error"], parameters["error_description"]));
    }

    [Fact]
    public async Task An_unsigned_alg_none_token_never_validates()
    {
        var token = Unsigned(new { alg = "none", typ = "at+jwt" }, Claims(fixture.Server.Issuer));

        await (await Http.SendJsonAsync(HttpMethod.Post, "/register", token, OAuthClient.ExampleRegistration)).AssertErrorAsync(HttpStatusCode.Unauthorized, "invalid_token");
    }

    [Fact]
    public async Task Hmac_signed_with_the_public_key_never_validates()
    {
        var jwks = new JsonWebKeySet(await Http.GetStringAsync("/jwks"));
        var key = jwks.Keys[0];
        foreach (var secret in new[] { Base64Url.DecodeFromChars(key.N), Encoding.UTF8.GetBytes(await Http.GetStringAsync("/jwks")) })
        {
            var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
            {
                Issuer = fixture.Server.Issuer,
                TokenType = "at+jwt",
                Claims = new Dictionary<string, object> { ["scope"] = "register", ["sub"] = "registerClient" },
                SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(secret) { KeyId = key.Kid }, SecurityAlgorithms.HmacSha256),
            });

            await (await Http.SendJsonAsync(HttpMethod.Post, "/register", token, OAuthClient.ExampleRegistration)).AssertErrorAsync(HttpStatusCode.Unauthorized, "invalid_token");
        }
    }

    [Fact]
    public async Task Expired_and_wrongly_typed_tokens_signed_with_the_real_key_are_refused()
    {
        var tenant = (await fixture.Server.Services.GetRequiredService<TenantCatalog>().FindAsync("default"))!;
        var expired = await Sign(tenant, "at+jwt", DateTime.UtcNow.AddHours(-2), DateTime.UtcNow.AddHours(-1));
        var untyped = await Sign(tenant, "JWT", DateTime.UtcNow, DateTime.UtcNow.AddHours(1));
        var valid = await Sign(tenant, "at+jwt", DateTime.UtcNow, DateTime.UtcNow.AddHours(1));

        await (await Http.SendJsonAsync(HttpMethod.Post, "/register", expired, OAuthClient.ExampleRegistration)).AssertErrorAsync(HttpStatusCode.Unauthorized, "invalid_token");
        await (await Http.SendJsonAsync(HttpMethod.Post, "/register", untyped, OAuthClient.ExampleRegistration)).AssertErrorAsync(HttpStatusCode.Unauthorized, "invalid_token");
        Assert.Equal(HttpStatusCode.Created, (await Http.SendJsonAsync(HttpMethod.Post, "/register", valid, OAuthClient.ExampleRegistration)).StatusCode);
    }

    [Fact]
    public async Task A_registered_clients_token_lacks_the_register_scope_and_gets_403()
    {
        var client = await Http.RegisterAsync();
        var token = await Http.ClientTokenAsync("", client);

        var response = await Http.SendJsonAsync(HttpMethod.Post, "/register", token, OAuthClient.ExampleRegistration);

        await fixture.Server.AssertErrorAsync(response, HttpStatusCode.Forbidden, "insufficient_scope", ErrorIds.BearerInsufficientScope);
        var (scheme, parameters) = response.Challenge();
        Assert.Equal(("Bearer", "insufficient_scope", "register"), (scheme, parameters["error"], parameters["scope"]));
        Assert.False(string.IsNullOrEmpty(parameters["error_description"]));
    }

    [Fact]
    public async Task A_token_issued_for_another_host_name_is_refused()
    {
        var otherHost = new HttpClient { BaseAddress = new Uri(fixture.Server.BaseAddress.ToString().Replace("127.0.0.1", "localhost", StringComparison.Ordinal)) };
        var token = await otherHost.AdminTokenAsync();

        await (await Http.SendJsonAsync(HttpMethod.Post, "/register", token, OAuthClient.ExampleRegistration)).AssertErrorAsync(HttpStatusCode.Unauthorized, "invalid_token");
        Assert.Equal(HttpStatusCode.Created, (await otherHost.SendJsonAsync(HttpMethod.Post, "/register", token, OAuthClient.ExampleRegistration)).StatusCode);

        // Once accepted (and cached) under its own host name, it is still refused under the other.
        await (await Http.SendJsonAsync(HttpMethod.Post, "/register", token, OAuthClient.ExampleRegistration)).AssertErrorAsync(HttpStatusCode.Unauthorized, "invalid_token");
    }

    public static TheoryData<string, string, HttpStatusCode, string, string> BadBodies => new()
    {
        { "application/json", "{not json", HttpStatusCode.BadRequest, "invalid_client_metadata", ErrorIds.MetadataNotJson },
        { "application/json", "[{\"grant_types\": [\"client_credentials\"]}]", HttpStatusCode.BadRequest, "invalid_client_metadata", ErrorIds.MetadataNotAnObject },
        { "application/json", "\"a string\"", HttpStatusCode.BadRequest, "invalid_client_metadata", ErrorIds.MetadataNotAnObject },
        { "application/json", "", HttpStatusCode.BadRequest, "invalid_client_metadata", ErrorIds.MetadataNotJson },
        { "application/json", "{\"client_name\": \"nul\\u0000byte\", \"grant_types\": [\"client_credentials\"]}", HttpStatusCode.BadRequest, "invalid_client_metadata", ErrorIds.MetadataControlCharacter },
        { "application/json", "{\"redirect_uris\": [" + string.Join(',', Enumerable.Repeat("\"https://a.example\"", 500)) + "]}", HttpStatusCode.BadRequest, "invalid_client_metadata", ErrorIds.MetadataTooManyItems },
        { "application/json", "{\"grant_types\": [\"client_credentials\"], \"redirect_uris\": [\"http://evil.example\"]}", HttpStatusCode.BadRequest, "invalid_redirect_uri", ErrorIds.RedirectUriNotHttps },
        { "application/json; charset=utf-16", OAuthClient.ExampleRegistration, HttpStatusCode.UnsupportedMediaType, "invalid_request", ErrorIds.RequestMediaType },
        { "text/plain", OAuthClient.ExampleRegistration, HttpStatusCode.UnsupportedMediaType, "invalid_request", ErrorIds.RequestMediaType },
        { "application/x-www-form-urlencoded", "grant_types=client_credentials", HttpStatusCode.UnsupportedMediaType, "invalid_request", ErrorIds.RequestMediaType },
        { "application/json", "{\"client_name\": \"" + new string('x', 70_000) + "\"}", HttpStatusCode.RequestEntityTooLarge, "invalid_request", ErrorIds.RequestBodyTooLarge },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task Bad_bodies_get_a_clear_oauth_error_never_a_500(string mediaType, string body, HttpStatusCode status, string error, string errorId)
    {
        var token = await Http.AdminTokenAsync();

        await fixture.Server.AssertErrorAsync(await Http.SendJsonAsync(HttpMethod.Post, "/register", token, body, mediaType), status, error, errorId);
    }

    [Fact]
    public async Task A_body_without_content_type_is_415()
    {
        var token = await Http.AdminTokenAsync();
        var request = new HttpRequestMessage(HttpMethod.Post, "/register") { Content = new ByteArrayContent(Encoding.UTF8.GetBytes(OAuthClient.ExampleRegistration)) };
        request.Headers.Authorization = new("Bearer", token);

        await fixture.Server.AssertErrorAsync(await Http.SendAsync(request), HttpStatusCode.UnsupportedMediaType, "invalid_request", ErrorIds.RequestMediaType);
    }

    [Fact]
    public async Task Unknown_fields_are_ignored_and_validation_errors_name_the_field()
    {
        var client = await Http.RegisterAsync(body: """{"grant_types": ["client_credentials"], "x_vendor": {"nested": [1]}, "client_name": "svc"}""");
        Assert.False(client.TryGetProperty("x_vendor", out _));
        Assert.Equal("svc", client.Str("client_name"));

        var token = await Http.AdminTokenAsync();
        var error = await fixture.Server.AssertErrorAsync(
            await Http.SendJsonAsync(HttpMethod.Post, "/register", token, """{"grant_types": ["client_credentials"], "scope": "openid superuser"}"""),
            HttpStatusCode.BadRequest, "invalid_client_metadata", ErrorIds.ScopeNotAllowed);
        Assert.Contains("'superuser'", error.Str("error_description"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_registration_gets_fresh_credentials()
    {
        var token = await Http.AdminTokenAsync();
        var first = await Http.RegisterAsync(adminToken: token);
        var second = await Http.RegisterAsync(adminToken: token);

        Assert.NotEqual(first.Str("client_id"), second.Str("client_id"));
        Assert.NotEqual(first.Str("client_secret"), second.Str("client_secret"));
        Assert.NotEqual(first.Str("registration_access_token"), second.Str("registration_access_token"));
    }

    private Task<string> Sign(TenantRuntime tenant, string type, DateTime issued, DateTime expires) =>
        ClusterSigning.SignAsync(fixture.Server.Services, tenant, type, new Dictionary<string, object>
        {
            ["iss"] = fixture.Server.Issuer,
            ["scope"] = "register",
            ["sub"] = "registerClient",
            ["iat"] = new DateTimeOffset(issued).ToUnixTimeSeconds(),
            ["nbf"] = new DateTimeOffset(issued).ToUnixTimeSeconds(),
            ["exp"] = new DateTimeOffset(expires).ToUnixTimeSeconds(),
        });

    private static Dictionary<string, object> Claims(string issuer) => new()
    {
        ["iss"] = issuer,
        ["scope"] = "register",
        ["exp"] = DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds(),
    };

    private static string Unsigned(object header, Dictionary<string, object> claims) =>
        Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(header)) + "." + Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(claims)) + ".";
}
