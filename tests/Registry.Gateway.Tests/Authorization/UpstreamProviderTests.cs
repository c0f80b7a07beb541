using System.Net;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Registry.Gateway.Tests.Authorization;

/// <summary>The test OpenID Provider itself: what the relying-party tests rely on it to do, and to do wrong on purpose.</summary>
public sealed class UpstreamProviderTests : IAsyncLifetime, IDisposable
{
    private const string Callback = "https://rp.example/callback";

    private UpstreamProvider _upstream = null!;

    private readonly HttpClient _http = new(new SocketsHttpHandler { AllowAutoRedirect = false });

    public async Task InitializeAsync()
    {
        _upstream = await UpstreamProvider.StartAsync();
        _upstream.AllowRedirectUri(Callback);
    }

    public async Task DisposeAsync() => await _upstream.DisposeAsync();

    public void Dispose() => _http.Dispose();

    [Fact]
    public async Task Discovery_names_its_endpoints_under_its_issuer()
    {
        var metadata = await (await _http.GetAsync(_upstream.Issuer + "/.well-known/openid-configuration")).JsonAsync();

        Assert.Equal(_upstream.Issuer, metadata.Str("issuer"));
        Assert.Equal(_upstream.Issuer + "/authorize", metadata.Str("authorization_endpoint"));
        Assert.Equal(_upstream.Issuer + "/token", metadata.Str("token_endpoint"));
        Assert.Equal(["S256"], metadata.GetProperty("code_challenge_methods_supported").EnumerateArray().Select(e => e.GetString()));
        Assert.Single(new JsonWebKeySet(await _http.GetStringAsync(metadata.Str("jwks_uri"))).GetSigningKeys());
    }

    [Fact]
    public async Task A_code_redeemed_with_its_verifier_gives_an_id_token_for_the_signed_in_user_with_the_nonce()
    {
        using var bob = _upstream.SignIn("bob");
        var (code, verifier) = await CodeAsync("n-1");

        var response = await RedeemAsync(code, verifier);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await ValidateAsync((await response.JsonAsync()).Str("id_token"));
        Assert.True(result.IsValid, result.Exception?.Message);
        Assert.Equal(("bob", "n-1"), (result.Claims["sub"], result.Claims["nonce"]));
        await (await RedeemAsync(code, verifier)).AssertErrorAsync(HttpStatusCode.BadRequest, "invalid_grant");
    }

    [Fact]
    public async Task A_wrong_verifier_or_secret_is_refused()
    {
        var (code, _) = await CodeAsync("n-2");

        await (await RedeemAsync(code, new string('a', 43))).AssertErrorAsync(HttpStatusCode.BadRequest, "invalid_grant");
        var (other, verifier) = await CodeAsync("n-3");
        await (await RedeemAsync(other, verifier, OAuthClient.Basic(_upstream.ClientId, "wrong"))).AssertErrorAsync(HttpStatusCode.Unauthorized, "invalid_client");
    }

    [Fact]
    public async Task An_unregistered_redirect_uri_is_an_error_page_not_a_redirect()
    {
        var response = await _http.GetAsync($"{_upstream.Issuer}/authorize?response_type=code&client_id={_upstream.ClientId}&redirect_uri=https%3A%2F%2Fevil.example%2F&scope=openid");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
    }

    [Theory]
    [InlineData(UpstreamMisbehavior.WrongNonce)]
    [InlineData(UpstreamMisbehavior.WrongAudience)]
    [InlineData(UpstreamMisbehavior.WrongIssuer)]
    [InlineData(UpstreamMisbehavior.ExpiredIdToken)]
    [InlineData(UpstreamMisbehavior.UnpublishedSigningKey)]
    [InlineData(UpstreamMisbehavior.MissingNonce)]
    public async Task Each_misbehavior_gives_an_id_token_a_relying_party_must_refuse(UpstreamMisbehavior misbehavior)
    {
        var (code, verifier) = await CodeAsync("n-4");
        using var _ = _upstream.Misbehave(misbehavior);

        var result = await ValidateAsync((await (await RedeemAsync(code, verifier)).JsonAsync()).Str("id_token"));

        Assert.False(result.IsValid && result.Claims.TryGetValue("nonce", out var nonce) && (string)nonce == "n-4");
    }

    [Fact]
    public async Task Denial_and_a_failing_token_endpoint_are_what_they_say()
    {
        using (_upstream.Misbehave(UpstreamMisbehavior.DenyAccess))
        {
            var denied = await AuthorizeAsync("n-5", UpstreamProvider.ChallengeOf(new string('v', 43)));
            Assert.Contains("error=access_denied", denied.Headers.Location!.Query, StringComparison.Ordinal);
        }

        var (code, verifier) = await CodeAsync("n-6");
        using (_upstream.Misbehave(UpstreamMisbehavior.TokenEndpointFails))
        {
            Assert.Equal(HttpStatusCode.InternalServerError, (await RedeemAsync(code, verifier)).StatusCode);
        }
    }

    private async Task<(string Code, string Verifier)> CodeAsync(string nonce)
    {
        var verifier = Convert.ToHexString(Guid.NewGuid().ToByteArray()) + "-verifier-of-43-characters";
        var response = await AuthorizeAsync(nonce, UpstreamProvider.ChallengeOf(verifier));
        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(response.Headers.Location!.Query);
        Assert.Equal("s-" + nonce, query["state"]);
        return (query["code"]!, verifier);
    }

    private Task<HttpResponseMessage> AuthorizeAsync(string nonce, string challenge) =>
        _http.GetAsync($"{_upstream.Issuer}/authorize?response_type=code&client_id={_upstream.ClientId}&redirect_uri={Uri.EscapeDataString(Callback)}"
            + $"&scope=openid&state=s-{nonce}&nonce={nonce}&code_challenge={challenge}&code_challenge_method=S256");

    private Task<HttpResponseMessage> RedeemAsync(string code, string verifier, System.Net.Http.Headers.AuthenticationHeaderValue? authorization = null) =>
        _http.SendAsync(new HttpRequestMessage(HttpMethod.Post, _upstream.Issuer + "/token")
        {
            Content = new StringContent($"grant_type=authorization_code&code={Uri.EscapeDataString(code)}&redirect_uri={Uri.EscapeDataString(Callback)}&code_verifier={verifier}",
                Encoding.UTF8, "application/x-www-form-urlencoded"),
            Headers = { Authorization = authorization ?? OAuthClient.Basic(_upstream.ClientId, _upstream.ClientSecret) },
        });

    private async Task<TokenValidationResult> ValidateAsync(string idToken) =>
        await new JsonWebTokenHandler().ValidateTokenAsync(idToken, new TokenValidationParameters
        {
            ValidIssuer = _upstream.Issuer,
            ValidAudience = _upstream.ClientId,
            IssuerSigningKeys = new JsonWebKeySet(await _http.GetStringAsync(_upstream.Issuer + "/jwks")).GetSigningKeys(),
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
        });
}
