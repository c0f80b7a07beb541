using System.Net;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Registry.Gateway.Tests.Infrastructure;

namespace Registry.Gateway.Tests;

/// <summary>The customer's spec, walked as a user would: token, register, use the client, manage it.</summary>
[Collection(ServerCollectionDefinition.Name)]
public sealed class WalkthroughTests(ServerFixture fixture)
{
    private HttpClient Http => fixture.Http;

    [Fact]
    public async Task The_walkthrough_token_request_returns_a_register_scoped_bearer_token()
    {
        var response = await Http.TokenAsync("", "client_id=registerClient&grant_type=client_credentials&client_secret=password&scope=register");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl?.NoStore);
        var body = await response.JsonAsync();
        Assert.Equal("Bearer", body.Str("token_type"));
        Assert.Equal("register", body.Str("scope"));
        Assert.Equal(900, body.GetProperty("expires_in").GetInt32());
    }

    [Fact]
    public async Task The_example_registration_answers_201_with_every_member_of_the_example_response()
    {
        var token = await Http.AdminTokenAsync();

        var response = await Http.SendJsonAsync(HttpMethod.Post, "/register", token, OAuthClient.ExampleRegistration);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.True(response.Headers.CacheControl?.NoStore);
        var client = await response.JsonAsync();
        using var example = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "example-registration-response.json")));
        foreach (var member in example.RootElement.EnumerateObject())
        {
            Assert.True(client.TryGetProperty(member.Name, out var value), $"missing {member.Name}");
            Assert.True(member.Value.ValueKind == value.ValueKind, $"{member.Name} is {value.ValueKind}, the example has {member.Value.ValueKind}");
        }

        var clientId = client.Str("client_id");
        Assert.Equal(["client_credentials"], client.GetProperty("grant_types").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("openid profile", client.Str("scope"));
        Assert.Equal(0, client.GetProperty("client_secret_expires_at").GetInt64());
        Assert.InRange(client.GetProperty("client_id_issued_at").GetInt64(), DateTimeOffset.UtcNow.AddMinutes(-1).ToUnixTimeSeconds(), DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        Assert.Equal($"{fixture.Server.Issuer}/register/{clientId}", client.Str("registration_client_uri"));
        Assert.Equal(new Uri(client.Str("registration_client_uri")), response.Headers.Location);
        Assert.NotEqual(client.Str("client_secret"), client.Str("registration_access_token"));
    }

    [Fact]
    public async Task A_registered_client_gets_a_jwt_that_verifies_against_the_published_jwks()
    {
        var client = await Http.RegisterAsync();

        var basic = await Http.TokenAsync("", "grant_type=client_credentials", OAuthClient.Basic(client));
        var post = await Http.TokenAsync("", $"grant_type=client_credentials&client_id={client.Str("client_id")}&client_secret={client.Str("client_secret")}&scope=openid");

        var viaBasic = await basic.JsonAsync();
        var viaPost = await post.JsonAsync();
        Assert.Equal(HttpStatusCode.OK, basic.StatusCode);
        Assert.Equal(HttpStatusCode.OK, post.StatusCode);
        Assert.Equal("openid profile", viaBasic.Str("scope"));
        Assert.Equal("openid", viaPost.Str("scope"));
        Assert.Equal(1800, viaBasic.GetProperty("expires_in").GetInt32());

        var result = await ValidateAgainstPublishedKeysAsync(viaBasic.Str("access_token"));
        Assert.True(result.IsValid, result.Exception?.Message);
        var jwt = (JsonWebToken)result.SecurityToken;
        Assert.Equal("RS256", jwt.Alg);
        Assert.Equal("at+jwt", jwt.Typ);
        Assert.False(string.IsNullOrEmpty(jwt.Kid));
        Assert.Equal(fixture.Server.Issuer, jwt.Issuer);
        Assert.Equal(client.Str("client_id"), jwt.Subject);
        Assert.Equal(client.Str("client_id"), jwt.GetClaim("client_id").Value);
        Assert.Equal("openid profile", jwt.GetClaim("scope").Value);
        Assert.False(string.IsNullOrEmpty(jwt.Id));
        Assert.Equal(1800, (jwt.ValidTo - jwt.IssuedAt).TotalSeconds);
    }

    [Fact]
    public async Task The_client_manages_its_registration_until_it_deletes_it()
    {
        var client = await Http.RegisterAsync();
        var uri = client.Str("registration_client_uri");
        var rat = client.Str("registration_access_token");

        var read = await Http.SendJsonAsync(HttpMethod.Get, uri, rat, null);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        var readBody = await read.JsonAsync();
        Assert.Equal(rat, readBody.Str("registration_access_token"));
        Assert.Equal(uri, readBody.Str("registration_client_uri"));

        var update = await Http.SendJsonAsync(HttpMethod.Put, uri, rat,
            $$"""{"client_id": "{{client.Str("client_id")}}", "grant_types": ["client_credentials"], "scope": "openid", "client_name": "renamed"}""");
        Assert.Equal(HttpStatusCode.OK, update.StatusCode);
        var rotated = (await update.JsonAsync()).Str("registration_access_token");

        var delete = await Http.SendJsonAsync(HttpMethod.Delete, uri, rotated, null);
        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        await (await Http.SendJsonAsync(HttpMethod.Get, uri, rotated, null)).AssertErrorAsync(HttpStatusCode.Unauthorized, "invalid_token");
        await (await Http.TokenAsync("", "grant_type=client_credentials", OAuthClient.Basic(client))).AssertErrorAsync(HttpStatusCode.Unauthorized, "invalid_client");
    }

    private async Task<TokenValidationResult> ValidateAgainstPublishedKeysAsync(string token)
    {
        var discovery = await (await Http.GetAsync("/.well-known/openid-configuration")).JsonAsync();
        var jwks = new JsonWebKeySet(await Http.GetStringAsync(discovery.Str("jwks_uri")));
        return await new JsonWebTokenHandler().ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = discovery.Str("issuer"),
            IssuerSigningKeys = jwks.GetSigningKeys(),
            ValidAlgorithms = ["RS256"],
            ValidateAudience = false,
        });
    }
}
