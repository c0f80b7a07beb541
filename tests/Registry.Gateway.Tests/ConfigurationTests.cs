using System.Net;
using Microsoft.Extensions.Options;
using Registry.Gateway.Tests.Infrastructure;

namespace Registry.Gateway.Tests;

/// <summary>Configuration through settings (the same keys environment variables set): issuer, admin credentials, validation.</summary>
public sealed class ConfigurationTests
{
    [Fact]
    public async Task A_fixed_issuer_is_used_whatever_host_the_request_names()
    {
        await using var server = await RegistryServer.StartAsync(new Dictionary<string, string> { ["Registry:Issuer"] = "https://id.example.com/" });

        var metadata = await (await server.Http.GetAsync("/.well-known/openid-configuration")).JsonAsync();
        var token = await server.Http.AdminTokenAsync();
        var client = await server.Http.RegisterAsync(adminToken: token);

        Assert.Equal("https://id.example.com", metadata.Str("issuer"));
        Assert.Equal("https://id.example.com/token", metadata.Str("token_endpoint"));
        Assert.StartsWith("https://id.example.com/register/", client.Str("registration_client_uri"), StringComparison.Ordinal);
        Assert.Equal("https://id.example.com", new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(token).Issuer);
    }

    [Fact]
    public async Task Admin_credentials_are_overridable_and_the_default_password_then_fails()
    {
        await using var server = await RegistryServer.StartAsync(new Dictionary<string, string>
        {
            ["Registry:Tenants:default:AdminClientId"] = "platform-admin",
            ["Registry:Tenants:default:AdminClientSecret"] = "a-long-operator-secret",
        });

        await (await server.Http.TokenAsync("", "grant_type=client_credentials&client_id=registerClient&client_secret=password"))
            .AssertErrorAsync(HttpStatusCode.Unauthorized, "invalid_client");
        var token = await server.Http.AdminTokenAsync(clientId: "platform-admin", secret: "a-long-operator-secret");
        await server.Http.RegisterAsync(adminToken: token);
        Assert.DoesNotContain(server.Logs.Lines, l => l.Text.Contains("SECURITY WARNING", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Behind_a_proxy_forwarded_headers_set_the_issuer_when_enabled()
    {
        await using var server = await RegistryServer.StartAsync(new Dictionary<string, string> { ["Registry:ForwardedHeaders:Enabled"] = "true" });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/.well-known/openid-configuration");
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-Host", "login.example.org");

        var metadata = await (await server.Http.SendAsync(request)).JsonAsync();

        Assert.Equal("https://login.example.org", metadata.Str("issuer"));
    }

    [Fact]
    public async Task Http_limits_reach_kestrel_from_their_keys_with_defaults_for_the_rest()
    {
        await using var app = RegistryServer.Build(new Dictionary<string, string>
        {
            ["Registry:Limits:KeepAliveTimeoutSeconds"] = "20",
            ["Registry:Limits:MinRequestBodyBytesPerSecond"] = "500",
            ["Registry:Limits:Http2MaxStreamsPerConnection"] = "10",
        }, out _);

        var limits = app.Services.GetRequiredService<IOptions<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>>().Value.Limits;

        Assert.Equal(TimeSpan.FromSeconds(20), limits.KeepAliveTimeout);
        Assert.Equal(500, limits.MinRequestBodyDataRate!.BytesPerSecond);
        Assert.Equal(TimeSpan.FromSeconds(5), limits.MinRequestBodyDataRate.GracePeriod);
        Assert.Equal(10, limits.Http2.MaxStreamsPerConnection);
        Assert.Equal(64, limits.MaxRequestHeaderCount);
        Assert.Equal(64 * 1024, limits.MaxRequestBodySize);
        Assert.Equal(1000, limits.MaxConcurrentConnections);
        Assert.Equal(0, limits.MaxConcurrentUpgradedConnections);
    }

    [Theory]
    [InlineData("Registry:Tenants:acme:AllowedScopes:0", "openid", "Registry:Tenants:acme:AdminClientSecret is required")]
    [InlineData("Registry:Tenants:Bad_Name:AdminClientSecret", "long-enough-secret", "Registry:Tenants:Bad_Name: tenant names are")]
    [InlineData("Registry:Tenants:default:AdminClientSecret", "short", "AdminClientSecret must be at least 8 characters")]
    [InlineData("Registry:Tenants:default:TokenLifetimeSeconds", "10", "token lifetimes need")]
    [InlineData("Registry:Tenants:default:AllowedScopes:0", "register", "'register' is reserved")]
    [InlineData("Registry:Tenants:default:DefaultScope", "admin", "DefaultScope 'admin' must be a space-separated subset")]
    [InlineData("Registry:Tenants:default:DefaultGrantTypes:0", "password", "DefaultGrantTypes must be")]
    [InlineData("Registry:Tenants:default:RegistrationMode", "anonymous", "Registry:Tenants:default:RegistrationMode 'anonymous' must be one of")]
    [InlineData("Registry:Tenants:default:OnDisallowed", "ignore", "Registry:Tenants:default:OnDisallowed 'ignore' must be one of reject, narrow")]
    [InlineData("Registry:Tenants:default:RedirectUriHosts:0", "*", "Registry:Tenants:default:RedirectUriHosts contains '*'")]
    [InlineData("Registry:Tenants:default:AllowedGrantTypes:0", "password", "Registry:Tenants:default:AllowedGrantTypes contains the unknown value 'password'")]
    [InlineData("Registry:Issuer", "http://id.example.com", "Registry:Issuer 'http://id.example.com' must be an absolute https URL")]
    [InlineData("Registry:Cluster:SiloPort", "0", "SiloPort (0) and GatewayPort")]
    [InlineData("Registry:ForwardedHeaders:KnownNetworks:0", "ten-dot-something", "KnownNetworks CIDR ranges")]
    [InlineData("Registry:Tenants:default:SigningAlgorithm", "HS256", "SigningAlgorithm 'HS256' must be one of RS256, ES256")]
    [InlineData("Registry:Cluster:IdleClientMinutes", "0", "IdleClientMinutes must be between 1 and 1440")]
    [InlineData("Registry:Cluster:Mode", "Client", "Mode Client needs Clustering Redis")]
    [InlineData("Registry:Cluster:Clustering", "Redis", "RedisConnectionString is required for Redis clustering")]
    [InlineData("Registry:Cluster:Storage", "AzureTable", "AzureTableConnectionString is required for AzureTable storage")]
    [InlineData("Registry:Cluster:AdvertisedIPAddress", "not-an-ip", "AdvertisedIPAddress 'not-an-ip' is not an IP address")]
    [InlineData("Registry:Cluster:ResponseTimeoutSeconds", "0", "ResponseTimeoutSeconds must be between 1 and 120")]
    [InlineData("Registry:Cluster:RetryBudgetSeconds", "0", "RetryBudgetSeconds must be more than 0 and at most 60")]
    [InlineData("Registry:Cluster:RetryBudgetSeconds", "61", "RetryBudgetSeconds must be more than 0 and at most 60")]
    [InlineData("Registry:Limits:MaxConcurrentConnections", "0", "Registry:Limits:MaxConcurrentConnections (0) must be between 1 and 1000000")]
    [InlineData("Registry:Limits:MinRequestBodyBytesPerSecond", "0", "Registry:Limits:MinRequestBodyBytesPerSecond (0) must be between")]
    [InlineData("Registry:Limits:MaxRequestHeaderCount", "5", "Registry:Limits:MaxRequestHeaderCount (5) must be between 16 and 1000")]
    public async Task Misconfiguration_stops_startup_with_one_clear_message(string key, string value, string message)
    {
        WebApplication? app = null;

        var exception = await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            app = RegistryServer.Build(new Dictionary<string, string> { [key] = value }, out _);
            await app.StartAsync();
        });

        var messages = exception is AggregateException aggregate ? aggregate.InnerExceptions : [exception];
        Assert.All(messages, e => Assert.IsType<OptionsValidationException>(e));
        Assert.Contains(messages, e => e.Message.Contains(message, StringComparison.Ordinal));
        if (app is not null)
        {
            await app.DisposeAsync();
        }
    }
}
