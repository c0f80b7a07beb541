using System.Globalization;
using System.Net;
using System.Text.Json;

namespace Registry.Cluster.Tests;

/// <summary>
/// Users' authorizations on a real cluster (two gateways, two silos, Redis, Azurite), with the default tenant federated
/// to an upstream OpenID Provider: a code redeemed concurrently through both gateways has exactly one winner; refresh
/// tokens rotate through either gateway and their families survive each silo being killed in turn; a redeemed code
/// never becomes redeemable again; a token revoked through one gateway is inactive at the other.
/// </summary>
[Collection(ClusterCollectionDefinition.Name)]
public sealed class AuthorizationClusterTests(ClusterFixture fixture, ITestOutputHelper output) : IAsyncLifetime
{
    private const string Redirect = "http://127.0.0.1/callback";

    private LocalCluster Cluster => fixture.Cluster;

    private HttpClient Http => fixture.Http;

    private HttpClient Second => fixture.SecondGateway!;

    public async Task InitializeAsync()
    {
        await EnsureSilosAsync();
        fixture.SecondGateway ??= new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{TestPorts.Next()}"), Timeout = TimeSpan.FromSeconds(30) };
        if (!IsRunning(await Cluster.RunAsync("status"), "gateway2"))
        {
            await Cluster.RunAsync("start-gateway", "2", Second.BaseAddress!.Port.ToString(CultureInfo.InvariantCulture));
        }

        await Eventually.UntilAsync(async () => (await Second.GetAsync("/healthz/ready")).StatusCode, s => s == HttpStatusCode.OK, TimeSpan.FromSeconds(90),
            "the second gateway to be ready");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Of_concurrent_redemptions_of_one_code_through_two_gateways_exactly_one_wins()
    {
        var client = await RegisterAsync();
        for (var round = 0; round < 3; round++)
        {
            var (request, code) = await CodeAsync(client);

            var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => RedeemAsync(i % 2 == 0 ? Http : Second, client, request, code)));

            var winners = responses.Count(r => r.StatusCode == HttpStatusCode.OK);
            output.WriteLine($"round {round}: {string.Join(", ", responses.Select(r => (int)r.StatusCode))}");
            Assert.Equal(1, winners);
            foreach (var refused in responses.Where(r => r.StatusCode != HttpStatusCode.OK))
            {
                Assert.Equal("invalid_grant", (await refused.AssertErrorAsync(HttpStatusCode.BadRequest, "invalid_grant")).Str("error"));
            }
        }
    }

    [Fact]
    public async Task Refresh_tokens_rotate_through_either_gateway_survive_each_silo_killed_and_a_used_code_stays_used()
    {
        var client = await RegisterAsync();
        var (request, code) = await CodeAsync(client);
        using var redeemed = await RedeemAsync(Http, client, request, code);
        var tokens = await redeemed.JsonAsync();
        Assert.True(redeemed.StatusCode == HttpStatusCode.OK, tokens.ToString());
        var refresh = tokens.Str("refresh_token");

        foreach (var silo in (List<string>)["1", "2"])
        {
            await Cluster.RunAsync("kill-silo", silo);

            // The family is stored: whichever silo held it, the survivor reads it and rotates the token.
            refresh = await RefreshAsync(silo == "1" ? Second : Http, client, refresh);

            // The code was redeemed; a silo lost since then does not make it redeemable again.
            using var again = await RedeemAsync(Second, client, request, code);
            await again.AssertErrorAsync(HttpStatusCode.BadRequest, "invalid_grant");

            await Cluster.RunAsync("start-silo", silo);
            await EnsureSilosAsync();
        }

        // A replay of an earlier token revokes the family: the current token stops working on every gateway.
        using var replay = await TokenAsync(Http, client, "grant_type=refresh_token&refresh_token=" + Uri.EscapeDataString(tokens.Str("refresh_token")));
        await replay.AssertErrorAsync(HttpStatusCode.BadRequest, "invalid_grant");
        using var revoked = await TokenAsync(Second, client, "grant_type=refresh_token&refresh_token=" + Uri.EscapeDataString(refresh));
        await revoked.AssertErrorAsync(HttpStatusCode.BadRequest, "invalid_grant");
    }

    [Fact]
    public async Task A_token_revoked_through_one_gateway_is_inactive_at_the_other()
    {
        var client = await RegisterAsync();
        var (request, code) = await CodeAsync(client);
        using var redeemed = await RedeemAsync(Http, client, request, code);
        var tokens = await redeemed.JsonAsync();
        Assert.True(redeemed.StatusCode == HttpStatusCode.OK, tokens.ToString());
        var (access, refresh) = (tokens.Str("access_token"), tokens.Str("refresh_token"));
        Assert.True((await IntrospectAsync(Second, client, access)).GetProperty("active").GetBoolean());

        using var revoked = await PostFormAsync(Http, client, "/revoke", access);
        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);

        Assert.Equal("""{"active":false}""", (await IntrospectAsync(Second, client, access)).GetRawText());
        Assert.Equal("""{"active":false}""", (await IntrospectAsync(Http, client, access)).GetRawText());

        // A refresh token revoked at the second gateway is refused at the first.
        using var refreshRevoked = await PostFormAsync(Second, client, "/revoke", refresh);
        Assert.Equal(HttpStatusCode.OK, refreshRevoked.StatusCode);
        using var refused = await TokenAsync(Http, client, "grant_type=refresh_token&refresh_token=" + Uri.EscapeDataString(refresh));
        await refused.AssertErrorAsync(HttpStatusCode.BadRequest, "invalid_grant");
    }

    private async Task<JsonElement> IntrospectAsync(HttpClient http, JsonElement client, string token)
    {
        using var response = await PostFormAsync(http, client, "/introspect", token);
        var body = await response.JsonAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body.ToString());
        return body;
    }

    /// <summary>
    /// POSTs a token form to <paramref name="http"/>'s gateway with the first gateway's Host, as a load balancer in front of
    /// both would: each gateway of this Development cluster takes its issuer from the Host header, and a token belongs to one issuer.
    /// </summary>
    private Task<HttpResponseMessage> PostFormAsync(HttpClient http, JsonElement client, string path, string token)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new StringContent("token=" + Uri.EscapeDataString(token), System.Text.Encoding.UTF8, "application/x-www-form-urlencoded"),
        };
        request.Headers.Authorization = OAuthClient.Basic(client);
        request.Headers.Host = Http.BaseAddress!.Authority;
        return http.SendAsync(request);
    }

    private async Task<JsonElement> RegisterAsync()
    {
        var token = await Http.AdminTokenAsync();
        using var response = await Http.SendJsonAsync(HttpMethod.Post, "/register", token, $$"""
            {"client_name":"cluster app","grant_types":["authorization_code","refresh_token"],"redirect_uris":["{{Redirect}}"],
             "token_endpoint_auth_method":"client_secret_basic","refresh_token_expiration_time_seconds":3600}
            """);
        var client = await response.JsonAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, client.ToString());
        return client;
    }

    /// <summary>A user signs in (at the upstream) and approves, in a fresh browser at the first gateway.</summary>
    private async Task<(AuthorizationRequest Request, string Code)> CodeAsync(JsonElement client)
    {
        var request = new AuthorizationRequest(client.Str("client_id"), Redirect) { Resources = [ClusterFixture.Resource] };
        using var browser = new AuthorizationFlow(Http.BaseAddress!.ToString().TrimEnd('/'));
        return (request, await browser.CodeAsync(request));
    }

    private static Task<HttpResponseMessage> RedeemAsync(HttpClient http, JsonElement client, AuthorizationRequest request, string code) =>
        TokenAsync(http, client, request.TokenForm(code));

    private static async Task<string> RefreshAsync(HttpClient http, JsonElement client, string refreshToken)
    {
        using var response = await TokenAsync(http, client, "grant_type=refresh_token&refresh_token=" + Uri.EscapeDataString(refreshToken));
        var body = await response.JsonAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body.ToString());
        var next = body.Str("refresh_token");
        Assert.NotEqual(refreshToken, next);
        return next;
    }

    private static Task<HttpResponseMessage> TokenAsync(HttpClient http, JsonElement client, string form) => http.TokenAsync("", form, OAuthClient.Basic(client));

    private async Task EnsureSilosAsync()
    {
        var status = await Cluster.RunAsync("status");
        foreach (var silo in (List<string>)["1", "2"])
        {
            if (!IsRunning(status, "silo" + silo))
            {
                await Cluster.RunAsync("start-silo", silo);
            }
        }

        await Eventually.UntilAsync(async () => (await Http.GetAsync("/healthz/ready")).StatusCode, s => s == HttpStatusCode.OK, TimeSpan.FromSeconds(90), "the gateway to be ready");
    }

    private static bool IsRunning(string status, string name) =>
        status.Split('\n').Any(line => line.StartsWith(name + " ", StringComparison.Ordinal) && line.EndsWith(" running", StringComparison.Ordinal));
}
