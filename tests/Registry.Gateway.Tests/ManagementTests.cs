using System.Net;
using System.Text.Json;
using Registry.Gateway.Tests.Infrastructure;
using Registry.Protocol.Errors;

namespace Registry.Gateway.Tests;

/// <summary>GET/PUT/DELETE /register/{client_id} (RFC 7592) with the registration access token.</summary>
[Collection(ServerCollectionDefinition.Name)]
public sealed class ManagementTests(ServerFixture fixture)
{
    private HttpClient Http => fixture.Http;

    [Fact]
    public async Task Read_returns_the_full_information_but_never_the_secret()
    {
        var client = await Http.RegisterAsync();

        var response = await Http.SendJsonAsync(HttpMethod.Get, Path(client), Rat(client), null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl?.NoStore);
        var read = await response.JsonAsync();
        foreach (var member in client.EnumerateObject().Where(m => m.Name != "client_secret"))
        {
            Assert.Equal(member.Value.ToString(), read.GetProperty(member.Name).ToString());
        }

        Assert.False(read.TryGetProperty("client_secret", out _));
    }

    [Fact]
    public async Task Wrong_token_unknown_client_and_another_clients_token_are_all_401_never_404()
    {
        var client = await Http.RegisterAsync();
        var other = await Http.RegisterAsync();
        var admin = await Http.AdminTokenAsync();

        foreach (var (path, token) in new[]
        {
            (Path(client), "wrong-token"),
            (Path(client), Rat(other)),
            (Path(client), client.Str("client_secret")),
            (Path(client), admin),
            ("/register/AAAAAAAAAAAAAAAAAAAAAA", Rat(client)),
            ("/register/not-a-client-id", Rat(client)),
        })
        {
            foreach (var method in new[] { HttpMethod.Get, HttpMethod.Delete })
            {
                var response = await Http.SendJsonAsync(method, path, token, null);
                var body = await fixture.Server.AssertErrorAsync(response, HttpStatusCode.Unauthorized, "invalid_token", ErrorIds.RegistrationTokenInvalid);
                Assert.DoesNotContain(client.Str("client_id"), body.ToString(), StringComparison.Ordinal);
                Assert.Equal(("Bearer", "invalid_token"), (response.Challenge().Scheme, response.Challenge().Parameters["error"]));
            }
        }

        await (await Http.SendJsonAsync(HttpMethod.Get, Path(client), null, null)).AssertErrorAsync(HttpStatusCode.Unauthorized, "invalid_token");
        Assert.Equal(HttpStatusCode.OK, (await Http.SendJsonAsync(HttpMethod.Get, Path(client), Rat(client), null)).StatusCode);
    }

    [Fact]
    public async Task Put_is_a_full_replace_and_rotates_the_registration_access_token()
    {
        var client = await Http.RegisterAsync(body: """{"grant_types": ["client_credentials"], "scope": "openid profile", "client_name": "before", "contacts": ["a@b.example"]}""");

        var response = await Http.SendJsonAsync(HttpMethod.Put, Path(client), Rat(client), $$"""
            {"client_id": "{{client.Str("client_id")}}", "grant_types": ["client_credentials"], "scope": "email", "token_expiration_time_seconds": 300}
            """);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var updated = await response.JsonAsync();
        Assert.Equal("email", updated.Str("scope"));
        Assert.False(updated.TryGetProperty("client_name", out _));
        Assert.Equal(0, updated.GetProperty("contacts").GetArrayLength());
        Assert.Equal(300, updated.GetProperty("token_expiration_time_seconds").GetInt32());
        Assert.Equal(client.Str("create_datetime"), updated.Str("create_datetime"));
        Assert.NotEqual(client.Str("update_datetime"), updated.Str("update_datetime"));
        Assert.NotEqual(Rat(client), Rat(updated));

        await (await Http.SendJsonAsync(HttpMethod.Get, Path(client), Rat(client), null)).AssertErrorAsync(HttpStatusCode.Unauthorized, "invalid_token");
        Assert.Equal(HttpStatusCode.OK, (await Http.SendJsonAsync(HttpMethod.Get, Path(client), Rat(updated), null)).StatusCode);
        var token = await (await Http.TokenAsync("", "grant_type=client_credentials", OAuthClient.Basic(client))).JsonAsync();
        Assert.Equal("email", token.Str("scope"));
        Assert.Equal(300, token.GetProperty("expires_in").GetInt32());
    }

    public static TheoryData<string, string, string> ForbiddenUpdates => new()
    {
        { """{"grant_types": ["client_credentials"]}""", "invalid_client_metadata", ErrorIds.UpdateClientIdMissing },
        { """{"client_id": "AAAAAAAAAAAAAAAAAAAAAA", "grant_types": ["client_credentials"]}""", "invalid_client_metadata", ErrorIds.UpdateClientIdMismatch },
        { """{"client_id": "{id}", "client_secret": "my-own-choice", "grant_types": ["client_credentials"]}""", "invalid_client_metadata", ErrorIds.UpdateClientSecretMismatch },
        { """{"client_id": "{id}", "registration_access_token": "mine"}""", "invalid_client_metadata", ErrorIds.UpdateServerManagedMember },
        { """{"client_id": "{id}", "client_id_issued_at": 1}""", "invalid_client_metadata", ErrorIds.UpdateServerManagedMember },
        { """{"client_id": "{id}", "client_secret_expires_at": 0}""", "invalid_client_metadata", ErrorIds.UpdateServerManagedMember },
        { """{"client_id": "{id}", "registration_client_uri": "https://x"}""", "invalid_client_metadata", ErrorIds.UpdateServerManagedMember },
        { """{"client_id": "{id}", "grant_types": ["client_credentials"], "redirect_uris": ["http://evil.example"]}""", "invalid_redirect_uri", ErrorIds.RedirectUriNotHttps },
        { """{"client_id": "{id}", "grant_types": "client_credentials"}""", "invalid_client_metadata", ErrorIds.MetadataWrongType },
        { """{"client_id": "{id}", "grant_types": ["client_credentials"], "scope": "register"}""", "invalid_client_metadata", ErrorIds.ScopeReserved },
    };

    [Theory]
    [MemberData(nameof(ForbiddenUpdates))]
    public async Task Invalid_updates_are_400_and_change_nothing(string body, string error, string errorId)
    {
        var client = await Http.RegisterAsync();

        var response = await Http.SendJsonAsync(HttpMethod.Put, Path(client), Rat(client), body.Replace("{id}", client.Str("client_id"), StringComparison.Ordinal));

        await fixture.Server.AssertErrorAsync(response, HttpStatusCode.BadRequest, error, errorId);
        await AssertUnchangedAsync(client);
        Assert.Equal(HttpStatusCode.OK, (await Http.TokenAsync("", "grant_type=client_credentials", OAuthClient.Basic(client))).StatusCode);
    }

    [Fact]
    public async Task Put_may_echo_the_current_secret()
    {
        var client = await Http.RegisterAsync();

        var response = await Http.SendJsonAsync(HttpMethod.Put, Path(client), Rat(client),
            $$"""{"client_id": "{{client.Str("client_id")}}", "client_secret": "{{client.Str("client_secret")}}", "grant_types": ["client_credentials"]}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Put_with_a_wrong_token_is_401_and_changes_nothing()
    {
        var client = await Http.RegisterAsync();

        var response = await Http.SendJsonAsync(HttpMethod.Put, Path(client), "not-the-token",
            $$"""{"client_id": "{{client.Str("client_id")}}", "grant_types": ["client_credentials"]}""");

        await response.AssertErrorAsync(HttpStatusCode.Unauthorized, "invalid_token");
        await AssertUnchangedAsync(client);
    }

    [Fact]
    public async Task Delete_answers_204_and_then_every_credential_is_dead()
    {
        var client = await Http.RegisterAsync();
        var response = await Http.SendJsonAsync(HttpMethod.Delete, Path(client), Rat(client), null);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        await fixture.Server.AssertErrorAsync(await Http.SendJsonAsync(HttpMethod.Get, Path(client), Rat(client), null),
            HttpStatusCode.Unauthorized, "invalid_token", ErrorIds.RegistrationTokenInvalid);
        await fixture.Server.AssertErrorAsync(await Http.SendJsonAsync(HttpMethod.Put, Path(client), Rat(client), $$"""{"client_id": "{{client.Str("client_id")}}"}"""),
            HttpStatusCode.Unauthorized, "invalid_token", ErrorIds.RegistrationTokenInvalid);
        await fixture.Server.AssertErrorAsync(await Http.TokenAsync("", "grant_type=client_credentials", OAuthClient.Basic(client)),
            HttpStatusCode.Unauthorized, "invalid_client", ErrorIds.ClientAuthFailed);
    }

    [Fact]
    public async Task A_repeated_delete_with_the_same_token_is_204_again_and_any_other_token_is_still_401()
    {
        var client = await Http.RegisterAsync();
        var other = await Http.RegisterAsync();

        var first = await Http.SendJsonAsync(HttpMethod.Delete, Path(client), Rat(client), null);
        var retried = await Http.SendJsonAsync(HttpMethod.Delete, Path(client), Rat(client), null);

        Assert.Equal((HttpStatusCode.NoContent, HttpStatusCode.NoContent), (first.StatusCode, retried.StatusCode));
        Assert.Empty(await retried.Content.ReadAsByteArrayAsync());
        await fixture.Server.AssertErrorAsync(await Http.SendJsonAsync(HttpMethod.Get, Path(client), Rat(client), null),
            HttpStatusCode.Unauthorized, "invalid_token", ErrorIds.RegistrationTokenInvalid);
        await fixture.Server.AssertErrorAsync(await Http.SendJsonAsync(HttpMethod.Delete, Path(client), Rat(other), null),
            HttpStatusCode.Unauthorized, "invalid_token", ErrorIds.RegistrationTokenInvalid);
        Assert.Equal(HttpStatusCode.OK, (await Http.SendJsonAsync(HttpMethod.Get, Path(other), Rat(other), null)).StatusCode);
    }

    /// <summary>The registration reads back exactly as it was registered (every member but the secret, which is never returned).</summary>
    private async Task AssertUnchangedAsync(JsonElement client)
    {
        var read = await (await Http.SendJsonAsync(HttpMethod.Get, Path(client), Rat(client), null)).JsonAsync();
        var expected = client.EnumerateObject().Where(m => m.Name != "client_secret").Select(m => (m.Name, m.Value.GetRawText()));
        Assert.Equal(expected, read.EnumerateObject().Select(m => (m.Name, m.Value.GetRawText())));
    }

    private static string Path(JsonElement client) => new Uri(client.Str("registration_client_uri")).AbsolutePath;

    private static string Rat(JsonElement client) => client.Str("registration_access_token");
}
