using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Registry.Cluster.Tests;

/// <summary>
/// Signing keys on a real cluster: a rotation through one gateway is seen by another (its JWKS and the key its tokens
/// carry), and the tenant's row in Azure Table storage holds its private keys protected only (Data Protection, key
/// ring in Azurite's blob service), never in clear.
/// </summary>
[Collection(ClusterCollectionDefinition.Name)]
public sealed class SigningKeyClusterTests(ClusterFixture fixture, ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan Propagation = TimeSpan.FromSeconds(5);

    private HttpClient Second => fixture.SecondGateway!;

    private LocalCluster Cluster => fixture.Cluster;

    private HttpClient Http => fixture.Http;

    public async Task InitializeAsync()
    {
        var status = await Cluster.RunAsync("status");
        foreach (var silo in new[] { "1", "2" })
        {
            if (!IsRunning(status, "silo" + silo))
            {
                await Cluster.RunAsync("start-silo", silo);
            }
        }

        await Eventually.UntilAsync(async () => (await Http.GetAsync("/healthz/ready")).StatusCode, s => s == HttpStatusCode.OK, TimeSpan.FromSeconds(90), "the gateway to be ready");
        fixture.SecondGateway ??= new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{TestPorts.Next()}"), Timeout = TimeSpan.FromSeconds(30) };
        if (!IsRunning(await Cluster.RunAsync("status"), "gateway2"))
        {
            await Cluster.RunAsync("start-gateway", "2", Second.BaseAddress!.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_key_rotated_through_one_gateway_signs_on_every_gateway_and_no_private_key_is_stored_in_clear()
    {
        var name = "keys" + Guid.NewGuid().ToString("N")[..10];
        var secret = new string('k', 40);
        using (var created = await AdminAsync(HttpMethod.Post, "/admin/tenants", $$"""{"name":"{{name}}","registration_mode":"admin_token","admin_client_secret":"{{secret}}"}"""))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        await Eventually.UntilAsync(async () => (await Second.GetAsync($"/tenants/{name}/jwks")).StatusCode, s => s == HttpStatusCode.OK, Propagation, "the second gateway to serve the tenant");
        var before = await Second.AdminTokenAsync($"/tenants/{name}", "registerClient", secret);

        using var rotated = await AdminAsync(HttpMethod.Post, $"/admin/tenants/{name}/signing-keys/rotate");
        Assert.Equal(HttpStatusCode.OK, rotated.StatusCode);
        var keys = (await rotated.JsonAsync()).GetProperty("keys");
        var (fresh, previous) = (keys[0].Str("kid"), keys[1].Str("kid"));
        Assert.Equal(new JsonWebToken(before).Kid, previous);

        // The second gateway signs with the new key and publishes both; a token signed before still works there.
        var after = await Eventually.UntilAsync(() => Second.AdminTokenAsync($"/tenants/{name}", "registerClient", secret),
            token => new JsonWebToken(token).Kid == fresh, Propagation, "the second gateway to sign with the rotated key");
        foreach (var gateway in new[] { Http, Second })
        {
            var jwks = await (await gateway.GetAsync($"/tenants/{name}/jwks")).JsonAsync();
            Assert.Equal([fresh, previous], jwks.GetProperty("keys").EnumerateArray().Select(k => k.Str("kid")));
        }

        // (Each gateway of this Development cluster is its own issuer: the Host header names it.)
        var first = await Http.AdminTokenAsync($"/tenants/{name}", "registerClient", secret);
        Assert.Equal(fresh, new JsonWebToken(first).Kid);
        foreach (var (gateway, token) in new[] { (Second, before), (Second, after), (Http, first) })
        {
            using var registered = await gateway.SendJsonAsync(HttpMethod.Post, $"/tenants/{name}/register", token, OAuthClient.ExampleRegistration);
            Assert.True(registered.StatusCode == HttpStatusCode.Created, $"{registered.StatusCode}: {await registered.Content.ReadAsStringAsync()} {registered.Headers.WwwAuthenticate}");
        }

        // The raw row: keys protected, public keys in clear; no stored value is a private key.
        var row = await TenantRowAsync(fresh);
        output.WriteLine($"tenant row: {row.Length} characters");
        Assert.DoesNotContain("Pkcs8PrivateKey", row, StringComparison.Ordinal);
        using var document = JsonDocument.Parse(row);
        var stored = document.RootElement.GetProperty("SigningKeys").EnumerateArray().ToList();
        Assert.Equal([fresh, previous], stored.Select(k => k.GetProperty("KeyId").GetString()));
        foreach (var key in stored)
        {
            var protectedKey = key.GetProperty("ProtectedPrivateKey").GetBytesFromBase64();
            using var rsa = RSA.Create();
            Assert.ThrowsAny<CryptographicException>(() => rsa.ImportPkcs8PrivateKey(protectedKey, out _));
            rsa.ImportSubjectPublicKeyInfo(key.GetProperty("PublicKey").GetBytesFromBase64(), out _);
            var modulus = rsa.ExportParameters(false).Modulus!;
            Assert.Equal(-1, protectedKey.AsSpan().IndexOf(modulus.AsSpan(0, 32)));
        }
    }

    /// <summary>The tenant grain's row as stored (Orleans' Azure Table storage, string format), found by a key id it holds.</summary>
    private async Task<string> TenantRowAsync(string keyId)
    {
        var table = new TableServiceClient(Cluster.TableConnectionString).GetTableClient("RegistryGrainState");
        await foreach (var entity in table.QueryAsync<TableEntity>())
        {
            var text = string.Concat(entity.Keys.Where(k => k.StartsWith("StringData", StringComparison.Ordinal)).Order(StringComparer.Ordinal).Select(k => entity[k] as string));
            if (text.Contains(keyId, StringComparison.Ordinal) && entity.PartitionKey.Contains("tenant", StringComparison.Ordinal))
            {
                return text;
            }
        }

        throw new InvalidOperationException($"no stored tenant row holds key {keyId}");
    }

    private static bool IsRunning(string status, string name) =>
        status.Split('\n').Any(line => line.StartsWith(name + " ", StringComparison.Ordinal) && line.EndsWith(" running", StringComparison.Ordinal));

    private string? _operatorToken;

    private async Task<HttpResponseMessage> AdminAsync(HttpMethod method, string path, string? json = null)
    {
        if (_operatorToken is null)
        {
            using var token = await Http.TokenAsync("/admin", "grant_type=client_credentials", OAuthClient.Basic("operator", "password"));
            _operatorToken = (await token.JsonAsync()).Str("access_token");
        }

        var request = new HttpRequestMessage(method, path) { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", _operatorToken) } };
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        return await Http.SendAsync(request);
    }
}
