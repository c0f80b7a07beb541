using System.Net;
using Registry.Protocol.Errors;

namespace Registry.Gateway.Tests.Authorization;

/// <summary>Registration without a token (open mode, as MCP clients do it): public clients, or redirect URIs that are https or loopback only.</summary>
[Collection(AuthorizationCollectionDefinition.Name)]
public sealed class OpenRegistrationTests(AuthorizationFixture fixture)
{
    [Theory]
    [InlineData("client_secret_basic", "https://app.example/callback", "web")]
    [InlineData("client_secret_basic", "http://127.0.0.1:33418/callback", "native")]
    [InlineData("client_secret_basic", "http://[::1]/callback", "native")]
    [InlineData("client_secret_basic", "http://localhost:33418/callback", "native")]
    [InlineData("none", "http://127.0.0.1/callback", "native")]
    [InlineData("none", "https://app.example/callback", "web")]
    [InlineData("none", "com.example.notes:/callback", "native")]
    public async Task Public_clients_and_clients_with_https_or_loopback_redirects_are_accepted(string authMethod, string redirectUri, string applicationType)
    {
        using var response = await fixture.RegisterRawAsync(AuthorizationFixture.Open, Body(authMethod, redirectUri, applicationType));

        var client = await response.JsonAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, client.ToString());
        Assert.Equal(authMethod != "none", client.TryGetProperty("client_secret", out _));
    }

    [Theory]
    [InlineData("client_secret_basic", "com.example.notes:/callback", "native", ErrorIds.OpenRegistrationRedirectUriUnsafe)]
    [InlineData("client_secret_basic", "http://app.example/callback", "web", ErrorIds.RedirectUriNotHttps)]
    [InlineData("none", "http://app.example/callback", "web", ErrorIds.RedirectUriNotHttps)]
    public async Task Confidential_clients_with_other_redirects_are_refused(string authMethod, string redirectUri, string applicationType, string errorId)
    {
        using var response = await fixture.RegisterRawAsync(AuthorizationFixture.Open, Body(authMethod, redirectUri, applicationType));

        await fixture.Server.AssertErrorAsync(response, HttpStatusCode.BadRequest, "invalid_redirect_uri", errorId);
    }

    [Theory]
    [InlineData("""{"grant_types": ["client_credentials"]}""", ErrorIds.OpenRegistrationClientCredentials)]
    [InlineData("""{"grant_types": ["authorization_code", "client_credentials"], "redirect_uris": ["https://app.example/cb"]}""", ErrorIds.OpenRegistrationClientCredentials)]
    [InlineData("""{"grant_types": ["refresh_token"]}""", ErrorIds.OpenRegistrationNoRedirectUri)]
    public async Task Clients_acting_for_themselves_are_refused(string body, string errorId)
    {
        using var response = await fixture.RegisterRawAsync(AuthorizationFixture.Open, body);

        await fixture.Server.AssertErrorAsync(response, HttpStatusCode.BadRequest, "invalid_client_metadata", errorId);
    }

    [Fact]
    public async Task An_update_cannot_add_what_open_registration_refuses()
    {
        using var created = await fixture.RegisterRawAsync(AuthorizationFixture.Open, Body("client_secret_basic", "https://app.example/callback", "web"));
        var client = await created.JsonAsync();
        var token = client.Str("registration_access_token");
        var uri = new Uri(client.Str("registration_client_uri")).PathAndQuery;

        using var update = await fixture.Http.SendJsonAsync(HttpMethod.Put, uri, token, $$"""
            {"client_id": "{{client.Str("client_id")}}", "grant_types": ["authorization_code", "client_credentials"],
             "redirect_uris": ["https://app.example/callback"], "token_endpoint_auth_method": "client_secret_basic"}
            """);

        await fixture.Server.AssertErrorAsync(update, HttpStatusCode.BadRequest, "invalid_client_metadata", ErrorIds.OpenRegistrationClientCredentials);
        using var read = await fixture.Http.SendJsonAsync(HttpMethod.Get, uri, token, null);
        Assert.DoesNotContain("client_credentials", (await read.JsonAsync()).GetProperty("grant_types").EnumerateArray().Select(g => g.GetString()));
    }

    [Fact]
    public async Task A_client_registered_openly_completes_the_flow()
    {
        using var response = await fixture.RegisterRawAsync(AuthorizationFixture.Open, Body("none", "http://127.0.0.1/callback", "native"));
        var client = await response.JsonAsync();
        var request = AuthorizationFixture.RequestFor(client) with { RedirectUri = "http://127.0.0.1:49152/callback", Resources = [AuthorizationFixture.Api] };

        var tokens = await fixture.TokensAsync(client, AuthorizationFixture.Open, request);

        Assert.Equal([AuthorizationFixture.Api], new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(tokens.Str("access_token")).Audiences);
    }

    private static string Body(string authMethod, string redirectUri, string applicationType) => $$"""
        {"client_name": "MCP client", "grant_types": ["authorization_code", "refresh_token"], "response_types": ["code"],
         "redirect_uris": ["{{redirectUri}}"], "token_endpoint_auth_method": "{{authMethod}}", "application_type": "{{applicationType}}", "scope": "{{AuthorizationFixture.Scope}}"}
        """;
}
