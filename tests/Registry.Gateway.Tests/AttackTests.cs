using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Registry.Gateway.Tests.Infrastructure;
using Registry.Protocol.Errors;

namespace Registry.Gateway.Tests;

/// <summary>
/// What an attacker tried against a server run as deployed (Production, a strong secret, an allowlisted host),
/// over real HTTP, with the default limits: each attempt is refused with an OAuth error and stores nothing.
/// (Host poisoning and the default secret: <see cref="ProductionModeTests"/>; forged identifiers:
/// <see cref="ForgedIdentifierTests"/>; each limit in detail: <see cref="ThrottlingTests"/>.)
/// </summary>
public sealed class AttackTests(AttackTests.Fixture fixture) : IClassFixture<AttackTests.Fixture>
{
    private const string Secret = "attack-tests-bootstrap-secret-32-chars";

    private RegistryServer Server => fixture.Server;

    [Theory]
    [InlineData("""{"grant_types": ["client_credentials"], "jwks": {"keys": [{"kty": "oct", "k": "c2VjcmV0"}]}}""", "invalid_client_metadata", ErrorIds.JwksSymmetricKey)]
    [InlineData("""{"grant_types": ["client_credentials"], "redirect_uris": ["https://trusted.example@evil.example/cb"]}""", "invalid_redirect_uri", ErrorIds.RedirectUriUserinfo)]
    [InlineData("""{"grant_types": ["client_credentials"], "client_name": "Trusted \u202Egnp.exe"}""", "invalid_client_metadata", ErrorIds.TextFormatCharacter)]
    [InlineData("""{"grant_types": ["client_credentials"], "client_name": "Trus\u200Bted"}""", "invalid_client_metadata", ErrorIds.TextFormatCharacter)]
    [InlineData("""{"grant_types": ["client_credentials"], "logo_uri": "http://cdn.example/logo.png"}""", "invalid_client_metadata", ErrorIds.WebUrlNotHttps)]
    [InlineData("""{"grant_types": ["client_credentials"], "jwks_uri": "https://169.254.169.254/latest/meta-data"}""", "invalid_client_metadata", ErrorIds.UrlLocalHost)]
    [InlineData("""{"grant_types": ["client_credentials"], "policy_uri": "https://localhost/policy"}""", "invalid_client_metadata", ErrorIds.UrlLocalHost)]
    public async Task Hostile_metadata_is_refused_outside_development(string body, string error, string errorId)
    {
        var response = await Server.Http.SendJsonAsync(HttpMethod.Post, "/register", await fixture.AdminTokenAsync(), body);

        await Server.AssertErrorAsync(response, HttpStatusCode.BadRequest, error, errorId);
    }

    [Fact]
    public async Task A_jwks_holding_a_private_rsa_key_is_refused_and_never_echoed()
    {
        using var rsa = System.Security.Cryptography.RSA.Create(2048);
        var p = rsa.ExportParameters(true);
        var key = new JsonObject
        {
            ["kty"] = "RSA",
            ["n"] = Base64Url(p.Modulus!),
            ["e"] = Base64Url(p.Exponent!),
            ["d"] = Base64Url(p.D!),
        };
        var body = new JsonObject { ["grant_types"] = new JsonArray("client_credentials"), ["jwks"] = new JsonObject { ["keys"] = new JsonArray(key) } };

        var response = await Server.Http.SendJsonAsync(HttpMethod.Post, "/register", await fixture.AdminTokenAsync(), body.ToJsonString());

        var refusal = await Server.AssertErrorAsync(response, HttpStatusCode.BadRequest, "invalid_client_metadata", ErrorIds.JwksPrivateKey);
        Assert.DoesNotContain(Base64Url(p.D!), refusal.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Guessing_the_admin_secret_backs_off_after_the_default_five_failures()
    {
        for (var i = 0; i < 5; i++)
        {
            await (await Server.Http.TokenAsync("/tenants/guessed", "grant_type=client_credentials&client_id=registerClient&client_secret=guess" + i))
                .AssertErrorAsync(HttpStatusCode.Unauthorized, "invalid_client");
        }

        var right = await Server.Http.TokenAsync("/tenants/guessed", $"grant_type=client_credentials&client_id=registerClient&client_secret={Secret}&scope=register");

        await right.AssertErrorAsync(HttpStatusCode.TooManyRequests, "temporarily_unavailable");
        Assert.NotNull(right.Headers.RetryAfter?.Delta);
    }

    [Fact]
    public async Task A_client_library_that_reads_changes_one_member_and_puts_the_rest_back_is_served()
    {
        var client = await Server.Http.RegisterAsync(adminToken: await fixture.AdminTokenAsync(),
            body: """{"grant_types": ["client_credentials"], "client_name": "before", "scope": "openid", "contacts": ["ops@example.com"]}""");
        var path = new Uri(client.Str("registration_client_uri")).AbsolutePath;
        var rat = client.Str("registration_access_token");

        // RFC 7592 §2.2: everything as read (client_secret included), minus the four members it forbids.
        var read = JsonNode.Parse((await (await Server.Http.SendJsonAsync(HttpMethod.Get, path, rat, null)).JsonAsync()).GetRawText())!.AsObject();
        foreach (var forbidden in new[] { "registration_access_token", "registration_client_uri", "client_secret_expires_at", "client_id_issued_at" })
        {
            read.Remove(forbidden);
        }

        read["client_name"] = "after";
        var update = await Server.Http.SendJsonAsync(HttpMethod.Put, path, rat, read.ToJsonString());

        var updated = await update.JsonAsync();
        Assert.True(update.StatusCode == HttpStatusCode.OK, updated.ToString());
        Assert.Equal("after", updated.Str("client_name"));
        Assert.Equal("openid", updated.Str("scope"));
        Assert.Equal(["ops@example.com"], updated.GetProperty("contacts").EnumerateArray().Select(c => c.GetString()));

        // The secret the read returned is still the secret; another one is refused.
        read["client_secret"] = "not-the-secret";
        var mismatch = await Server.Http.SendJsonAsync(HttpMethod.Put, path, updated.Str("registration_access_token"), read.ToJsonString());
        await Server.AssertErrorAsync(mismatch, HttpStatusCode.BadRequest, "invalid_client_metadata", ErrorIds.UpdateClientSecretMismatch);
    }

    private static string Base64Url(byte[] bytes) => System.Buffers.Text.Base64Url.EncodeToString(bytes);

    public sealed class Fixture : IAsyncLifetime
    {
        private string? _adminToken;

        public RegistryServer Server { get; private set; } = null!;

        public async Task<string> AdminTokenAsync() => _adminToken ??= await Server.Http.AdminTokenAsync(secret: Secret);

        public async Task InitializeAsync() => Server = await RegistryServer.StartAsync(new Dictionary<string, string>
        {
            ["environment"] = "Production",
            ["AllowedHosts"] = "127.0.0.1",
            ["Registry:Tenants:default:AdminClientSecret"] = Secret,
            ["Registry:Tenants:guessed:AdminClientSecret"] = Secret,

            // The default threshold (5), a first back-off long enough that a slow machine cannot see it end.
            ["Registry:Tenants:guessed:Limits:BackoffSeconds"] = "30",
        });

        public async Task DisposeAsync() => await Server.DisposeAsync();
    }
}
