using System.Buffers.Text;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Orleans.Storage;
using Registry.Gateway.Tests.Infrastructure;
using Registry.Protocol.Errors;
using Registry.Protocol.Security;
using Registry.Silo.Hosting;

namespace Registry.Gateway.Tests;

/// <summary>
/// Forged identifiers cost nothing: a client id, registration access token or tenant name the server did not
/// issue is refused before any grain call (so before any storage read), while a real client costs exactly
/// one grain call per request. Counted by a grain call filter in the embedded silo of a server of its own.
/// </summary>
public sealed class ForgedIdentifierTests(ForgedIdentifierTests.Server fixture) : IClassFixture<ForgedIdentifierTests.Server>
{
    private const string Legacy = "/tenants/legacy";

    private HttpClient Http => fixture.Registry.Http;

    private GrainCallCounter Counter => fixture.Counter;

    public static TheoryData<string> ForgedClientIds => [.. NewForgedClientIds()];

    [Theory]
    [MemberData(nameof(ForgedClientIds))]
    public async Task A_forged_client_id_at_the_token_endpoint_is_invalid_client_without_a_grain_call(string clientId)
    {
        var before = Counter.Calls("client");
        var guardCallsBefore = Counter.Calls("address-guard");

        var basic = await Http.TokenAsync("", "grant_type=client_credentials", OAuthClient.Basic(clientId, Secrets.NewSecret()));
        var post = await Http.TokenAsync("", $"grant_type=client_credentials&client_id={clientId}&client_secret={Secrets.NewSecret()}");

        await fixture.Registry.AssertErrorAsync(basic, HttpStatusCode.Unauthorized, "invalid_client", ErrorIds.ClientAuthFailed);
        await fixture.Registry.AssertErrorAsync(post, HttpStatusCode.Unauthorized, "invalid_client", ErrorIds.ClientAuthFailed);
        Assert.Equal(before, Counter.Calls("client"));
        Assert.Equal(guardCallsBefore, Counter.Calls("address-guard"));
    }

    [Fact]
    public async Task A_client_of_another_tenant_is_invalid_client_here_without_a_grain_call()
    {
        var acme = await Http.RegisterAsync("/tenants/acme", adminToken: await Http.AdminTokenAsync("/tenants/acme", secret: Server.AcmeSecret));
        var before = Counter.Calls("client");
        var guardCallsBefore = Counter.Calls("address-guard");

        var response = await Http.TokenAsync("", "grant_type=client_credentials", OAuthClient.Basic(acme));

        await fixture.Registry.AssertErrorAsync(response, HttpStatusCode.Unauthorized, "invalid_client", ErrorIds.ClientAuthFailed);
        Assert.Equal(before, Counter.Calls("client"));
        Assert.Equal(guardCallsBefore, Counter.Calls("address-guard"));
    }

    [Fact]
    public async Task A_registered_client_costs_exactly_one_grain_call_per_token_request()
    {
        var client = await Http.RegisterAsync();
        var clientId = client.Str("client_id");
        var (before, tenantCallsBefore) = (Counter.Calls("client", "default/" + clientId), Counter.Calls("tenant", "default"));

        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await Http.TokenAsync("", "grant_type=client_credentials", OAuthClient.Basic(client))).StatusCode);
        }

        Assert.Equal(before + 5, Counter.Calls("client", "default/" + clientId));
        Assert.Equal(32, clientId.Length);
        Assert.Equal(64, client.Str("registration_access_token").Length);
        Assert.InRange(Counter.Calls("tenant", "default") - tenantCallsBefore, 0, 1); // at most the silo's periodic client count report
    }

    [Fact]
    public async Task Forged_ids_and_forged_registration_tokens_at_the_management_endpoints_are_401_without_a_grain_call()
    {
        var client = await Http.RegisterAsync();
        var other = await Http.RegisterAsync();
        var (id, token) = (client.Str("client_id"), client.Str("registration_access_token"));
        var attempts = new List<(string Path, string Token)>
        {
            ("/register/" + id, Secrets.NewSecret()),                                           // a token as issued before tokens carried a MAC
            ("/register/" + id, Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(48))), // the shape of an issued token, a wrong MAC
            ("/register/" + id, other.Str("registration_access_token")),                       // a real token, of another client
            ("/register/" + id, client.Str("client_secret")),
            ("/register/" + id, token[..^1] + (token[^1] == 'A' ? 'B' : 'A')),
        };
        attempts.AddRange(NewForgedClientIds().Select(forged => ("/register/" + forged, token)));
        var before = Counter.Calls("client");
        var guardCallsBefore = Counter.Calls("address-guard");

        foreach (var (path, bearer) in attempts)
        {
            foreach (var method in new[] { HttpMethod.Get, HttpMethod.Delete, HttpMethod.Put })
            {
                var body = method == HttpMethod.Put ? $$"""{"client_id": "{{id}}", "grant_types": ["client_credentials"]}""" : null;
                var response = await Http.SendJsonAsync(method, path, bearer, body);
                await fixture.Registry.AssertErrorAsync(response, HttpStatusCode.Unauthorized, "invalid_token", ErrorIds.RegistrationTokenInvalid);
            }
        }

        Assert.Equal(before, Counter.Calls("client"));
        Assert.Equal(guardCallsBefore, Counter.Calls("address-guard"));
        Assert.Equal(HttpStatusCode.OK, (await Http.SendJsonAsync(HttpMethod.Get, "/register/" + id, token, null)).StatusCode);
        Assert.Equal(before + 1, Counter.Calls("client"));
    }

    [Theory]
    [InlineData("ACME", "/token")]
    [InlineData("acme_eu", "/register")]
    [InlineData("-acme", "/register")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "/token")]
    [InlineData("%C3%A9t%C3%A9", "/token")]
    [InlineData("acme%2Feu", "/token")]
    public async Task A_malformed_tenant_name_is_404_without_a_grain_call(string name, string endpoint)
    {
        for (var i = 0; i < 3; i++)
        {
            var response = await Http.PostAsync($"/tenants/{name}{endpoint}", new FormUrlEncodedContent([new("grant_type", "client_credentials")]));
            await fixture.Registry.AssertErrorAsync(response, HttpStatusCode.NotFound, "invalid_request", ErrorIds.TenantUnknown);
        }

        Assert.Equal(0, Counter.Calls("tenant", Uri.UnescapeDataString(name)));
    }

    [Fact]
    public async Task An_unknown_tenant_name_costs_one_grain_call_however_often_it_is_asked()
    {
        var name = "nobody-" + Guid.NewGuid().ToString("N")[..8];

        for (var i = 0; i < 5; i++)
        {
            var response = await Http.TokenAsync("/tenants/" + name, "grant_type=client_credentials&client_id=registerClient&client_secret=password");
            await fixture.Registry.AssertErrorAsync(response, HttpStatusCode.NotFound, "invalid_request", ErrorIds.TenantUnknown);
        }

        Assert.Equal(1, Counter.Calls("tenant", name));
    }

    [Fact]
    public async Task A_tenant_stored_before_identifiers_carried_a_mac_keeps_serving_its_clients_plain_ids_and_tokens()
    {
        var (id, secret, token) = (fixture.LegacyClientId, fixture.LegacySecret, fixture.LegacyToken);

        Assert.Equal(HttpStatusCode.OK, (await Http.TokenAsync(Legacy, "grant_type=client_credentials", OAuthClient.Basic(id, secret))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Http.SendJsonAsync(HttpMethod.Get, $"{Legacy}/register/{id}", token, null)).StatusCode);
        var updated = await Http.SendJsonAsync(HttpMethod.Put, $"{Legacy}/register/{id}", token, $$"""{"client_id": "{{id}}", "grant_types": ["client_credentials"], "scope": "openid"}""");
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        var rotated = (await updated.JsonAsync()).Str("registration_access_token");
        Assert.Equal(64, rotated.Length);
        Assert.Equal(HttpStatusCode.OK, (await Http.SendJsonAsync(HttpMethod.Get, $"{Legacy}/register/{id}", rotated, null)).StatusCode);

        // New clients of the same tenant get identifiers with a MAC; a plain id is no client of a tenant created with its key.
        var fresh = await Http.RegisterAsync(Legacy, adminToken: await Http.AdminTokenAsync(Legacy, secret: Server.LegacyAdminSecret));
        Assert.Equal(32, fresh.Str("client_id").Length);
        var before = Counter.Calls("client");
        var guardCallsBefore = Counter.Calls("address-guard");
        var elsewhere = await Http.TokenAsync("", "grant_type=client_credentials", OAuthClient.Basic(id, secret));
        await fixture.Registry.AssertErrorAsync(elsewhere, HttpStatusCode.Unauthorized, "invalid_client", ErrorIds.ClientAuthFailed);
        Assert.Equal(before, Counter.Calls("client"));
        Assert.Equal(guardCallsBefore, Counter.Calls("address-guard"));
    }

    private static string[] NewForgedClientIds() =>
    [
        Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16)), // a client id as issued before ids carried a MAC
        Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(24)), // the shape of an issued id, a wrong MAC
        "AAAAAAAAAAAAAAAAAAAAAA",
        "not-a-client-id",
    ];

    /// <summary>
    /// The server: the default tenant (created with its identifier key), "acme", and "legacy", whose stored
    /// documents predate identifier keys (put in place before the tenant is first asked for).
    /// </summary>
    public sealed class Server : IAsyncLifetime
    {
        public const string AcmeSecret = "acme-bootstrap-secret";
        public const string LegacyAdminSecret = "legacy-bootstrap-secret";

        private static readonly string[] ClientCredentials = ["client_credentials"];

        public GrainCallCounter Counter { get; } = new();

        public RegistryServer Registry { get; private set; } = null!;

        public string LegacyClientId { get; } = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));

        public string LegacySecret { get; } = Secrets.NewSecret();

        public string LegacyToken { get; } = Secrets.NewSecret();

        public async Task InitializeAsync()
        {
            Registry = await RegistryServer.StartAsync(
                new Dictionary<string, string>(RegistryServer.UnthrottledTenants("default", "acme", "legacy"))
                {
                    ["Registry:Tenants:acme:AdminClientSecret"] = AcmeSecret,
                    ["Registry:Tenants:legacy:AdminClientSecret"] = LegacyAdminSecret,
                },
                builder => builder.Services.AddSingleton<IIncomingGrainCallFilter>(Counter));

            // As version 1 stored them: no SchemaVersion, no identifier key; a plain 22-character id and 43-character token.
            var storage = (InProcessGrainStorage)Registry.Services.GetRequiredKeyedService<IGrainStorage>("registry");
            storage.Put("tenant", GrainId.Create("tenant", "legacy"), BinaryData.FromString("""{"SigningKeys":[],"ClientCount":1}"""));
            storage.Put("client", GrainId.Create("client", "legacy/" + LegacyClientId), BinaryData.FromString(JsonSerializer.Serialize(new
            {
                Metadata = new { GrantTypes = ClientCredentials, Scope = "openid", TokenExpirationTimeSeconds = 600 },
                SecretHash = Secrets.Hash(LegacySecret),
                SecretExpiresAt = 0,
                RegistrationTokenHash = Secrets.Hash(LegacyToken),
                CreatedAt = DateTimeOffset.Parse("2026-01-01T00:00:00+00:00", System.Globalization.CultureInfo.InvariantCulture),
                UpdatedAt = DateTimeOffset.Parse("2026-01-01T00:00:00+00:00", System.Globalization.CultureInfo.InvariantCulture),
                Version = 1,
            })));
        }

        public async Task DisposeAsync() => await Registry.DisposeAsync();
    }
}
