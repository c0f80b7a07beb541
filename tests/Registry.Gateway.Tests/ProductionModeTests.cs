using System.Net;
using Microsoft.Extensions.Options;
using Registry.Gateway.Tests.Infrastructure;
using Registry.Protocol.Errors;

namespace Registry.Gateway.Tests;

/// <summary>
/// Outside Development the registry refuses to start with credentials or host settings an attacker could use,
/// and never builds an issuer from a Host header it was not told to trust.
/// </summary>
public sealed class ProductionModeTests
{
    private const string StrongSecret = "q8VJm1c0YwJ2r7T4kP9sXo3LbN6eHf5Z";

    [Theory]
    [InlineData(null, null, "Registry:Tenants:default:AdminClientSecret must be set to a random secret outside Development")]
    [InlineData("Registry:Tenants:default:AdminClientSecret", "password", "Registry:Tenants:default:AdminClientSecret must be set to a random secret")]
    [InlineData("Registry:Tenants:default:AdminClientSecret", "CHANGE-ME-to-a-long-random-secret", "Registry:Tenants:default:AdminClientSecret must be set to a random secret")]
    [InlineData("Registry:Tenants:default:AdminClientSecret", "only-31-characters-long-secret!", "Registry:Tenants:default:AdminClientSecret must be at least 32 characters outside Development")]
    [InlineData("Registry:Tenants:acme:AdminClientSecret", "acme-bootstrap-secret", "Registry:Tenants:acme:AdminClientSecret must be at least 32 characters")]
    public async Task Production_refuses_default_placeholder_and_short_bootstrap_secrets(string? key, string? value, string message)
    {
        var settings = new Dictionary<string, string> { ["environment"] = "Production", ["Registry:Issuer"] = "https://id.example.com" };
        if (key is not null)
        {
            settings[key] = value!;
        }

        var failure = await StartupFailureAsync(settings);

        Assert.Contains(message, failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Production_refuses_to_start_when_the_issuer_would_come_from_the_host_header()
    {
        var failure = await StartupFailureAsync(new Dictionary<string, string>
        {
            ["environment"] = "Production",
            ["Registry:Tenants:default:AdminClientSecret"] = StrongSecret,
        });

        Assert.Contains("Registry:Issuer or AllowedHosts must be set outside Development", failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_malformed_allowed_hosts_entry_stops_startup()
    {
        var failure = await StartupFailureAsync(new Dictionary<string, string> { ["AllowedHosts"] = "id.example.com;bad host" });

        Assert.Contains("AllowedHosts entry 'bad host'", failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_allowed_hosts_a_foreign_host_gets_400_and_never_an_issuer_or_a_token()
    {
        await using var server = await RegistryServer.StartAsync(new Dictionary<string, string>
        {
            ["environment"] = "Production",
            ["AllowedHosts"] = "127.0.0.1;*.registry.example",
            ["Registry:Tenants:default:AdminClientSecret"] = StrongSecret,
        });

        foreach (var path in new[] { "/.well-known/openid-configuration", "/jwks" })
        {
            // (Discovery requests are not audited, so their error id is not visible here; the token request's is.)
            await (await SendAsync(server, HttpMethod.Get, path, "evil.example")).AssertErrorAsync(HttpStatusCode.BadRequest, "invalid_request");
        }

        var token = await SendAsync(server, HttpMethod.Post, "/token", "evil.example",
            $"grant_type=client_credentials&client_id=registerClient&client_secret={StrongSecret}&scope=register");
        await server.AssertErrorAsync(token, HttpStatusCode.BadRequest, "invalid_request", ErrorIds.RequestHostNotAllowed);

        // "*.registry.example" admits its subdomains, not the bare domain or a look-alike.
        var allowed = await (await SendAsync(server, HttpMethod.Get, "/.well-known/openid-configuration", "eu.registry.example")).JsonAsync();
        Assert.Equal("http://eu.registry.example/token", allowed.Str("token_endpoint"));
        foreach (var host in new[] { "registry.example", "evilregistry.example", "eu.registry.example.evil.example" })
        {
            Assert.Equal(HttpStatusCode.BadRequest, (await SendAsync(server, HttpMethod.Get, "/jwks", host)).StatusCode);
        }

        // Probes do not name the public host.
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(server, HttpMethod.Get, "/healthz/live", "10.1.2.3")).StatusCode);
    }

    [Fact]
    public async Task A_forwarded_host_from_a_trusted_proxy_is_checked_like_the_host_header()
    {
        await using var server = await RegistryServer.StartAsync(new Dictionary<string, string>
        {
            ["environment"] = "Production",
            ["AllowedHosts"] = "127.0.0.1;login.example.org",
            ["Registry:Tenants:default:AdminClientSecret"] = StrongSecret,
            ["Registry:ForwardedHeaders:Enabled"] = "true",
        });

        var good = await ForwardedAsync(server, "login.example.org");
        var evil = await ForwardedAsync(server, "evil.example");

        Assert.Equal("https://login.example.org", (await good.JsonAsync()).Str("issuer"));
        Assert.Equal("Host, X-Forwarded-Host, X-Forwarded-Proto", string.Join(", ", good.Headers.Vary));
        Assert.True(good.Headers.CacheControl?.Private);
        await evil.AssertErrorAsync(HttpStatusCode.BadRequest, "invalid_request");
    }

    [Fact]
    public async Task With_a_fixed_issuer_discovery_and_keys_are_publicly_cacheable_and_tokens_name_that_issuer()
    {
        await using var server = await RegistryServer.StartAsync(new Dictionary<string, string>
        {
            ["environment"] = "Production",
            ["Registry:Issuer"] = "https://id.example.com",
            ["Registry:Tenants:default:AdminClientSecret"] = StrongSecret,
        });

        var metadata = await SendAsync(server, HttpMethod.Get, "/.well-known/openid-configuration", "evil.example");
        var jwks = await SendAsync(server, HttpMethod.Get, "/jwks", "evil.example");
        var token = await SendAsync(server, HttpMethod.Post, "/token", "evil.example",
            $"grant_type=client_credentials&client_id=registerClient&client_secret={StrongSecret}&scope=register");

        Assert.Equal("https://id.example.com/token", (await metadata.JsonAsync()).Str("token_endpoint"));
        Assert.All([metadata, jwks], r => Assert.True(r.Headers.CacheControl?.Public));
        Assert.All([metadata, jwks], r => Assert.Empty(r.Headers.Vary));
        var jwt = new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken((await token.JsonAsync()).Str("access_token"));
        Assert.Equal("https://id.example.com", jwt.Issuer);
        Assert.DoesNotContain(server.Logs.Lines, l => l.Text.Contains("SECURITY WARNING", StringComparison.Ordinal));
    }

    private static async Task<HttpResponseMessage> ForwardedAsync(RegistryServer server, string host)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/.well-known/openid-configuration");
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-Host", host);
        return await server.Http.SendAsync(request);
    }

    private static async Task<HttpResponseMessage> SendAsync(RegistryServer server, HttpMethod method, string path, string host, string? form = null)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Host = host;
        if (form is not null)
        {
            request.Content = new StringContent(form, System.Text.Encoding.UTF8, "application/x-www-form-urlencoded");
        }

        return await server.Http.SendAsync(request);
    }

    /// <summary>Builds and starts the app; answers the one line the process would print.</summary>
    private static async Task<string> StartupFailureAsync(IReadOnlyDictionary<string, string> settings)
    {
        WebApplication? app = null;
        var exception = await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            app = RegistryServer.Build(settings, out _);
            await app.StartAsync();
        });
        if (app is not null)
        {
            await app.DisposeAsync();
        }

        var messages = exception is AggregateException aggregate ? aggregate.InnerExceptions : [exception];
        Assert.All(messages, e => Assert.IsType<OptionsValidationException>(e));
        return Registry.Hosting.StartupErrors.Describe(exception)!;
    }
}
