using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;
using Registry.Hosting.Configuration;

namespace Registry.Gateway.Authorization;

/// <summary>
/// A tenant's upstream OpenID Provider, as Registry signs users in there: the authorization code flow with PKCE (S256)
/// and a nonce, as a confidential client (client_secret_basic). The provider's discovery document and keys are read
/// and cached by <see cref="ConfigurationManager{T}"/> (refreshed daily, and at once when an ID token names an unknown
/// key). The ID token is validated — signature, issuer (the configured one, which discovery must repeat), audience,
/// lifetime, nonce — before its subject is believed.
/// </summary>
internal sealed class UpstreamProvider
{
    private static readonly JsonWebTokenHandler Handler = new();

    private readonly UpstreamOptions _options;
    private readonly HttpClient _http;
    private readonly ConfigurationManager<OpenIdConnectConfiguration> _configuration;
    private readonly TimeProvider _time;

    public UpstreamProvider(UpstreamOptions options, HttpClient http, bool requireHttps, TimeProvider time)
    {
        _options = options;
        _http = http;
        _time = time;
        Issuer = options.Issuer!.TrimEnd('/');
        _configuration = new ConfigurationManager<OpenIdConnectConfiguration>(
            Issuer + "/.well-known/openid-configuration", new OpenIdConnectConfigurationRetriever(), new HttpDocumentRetriever(http) { RequireHttps = requireHttps });
    }

    public string Issuer { get; }

    public string Scope => string.Join(' ', _options.Scopes ?? [UpstreamOptions.DefaultScope]);

    /// <summary>Where to send the user: the provider's authorization endpoint with Registry's request.</summary>
    public async Task<string?> AuthorizationUrlAsync(string redirectUri, string state, string nonce, string codeChallenge, CancellationToken cancellationToken)
    {
        var configuration = await ConfigurationAsync(cancellationToken);
        if (configuration?.AuthorizationEndpoint is not { Length: > 0 } endpoint)
        {
            return null;
        }

        return FrontChannelRedirect.WithQuery(endpoint, ("response_type", "code"), ("client_id", _options.ClientId), ("redirect_uri", redirectUri),
            ("scope", Scope), ("state", state), ("nonce", nonce), ("code_challenge", codeChallenge), ("code_challenge_method", "S256"));
    }

    /// <summary>
    /// Redeems the provider's code and validates its ID token; null (with <paramref name="problem"/> set) when anything
    /// fails — the reason is for the log, never for the user.
    /// </summary>
    public async Task<(UpstreamIdentity? Identity, string? Problem)> RedeemAsync(
        string code, string redirectUri, string codeVerifier, string nonce, string? issuerParameter, CancellationToken cancellationToken)
    {
        var configuration = await ConfigurationAsync(cancellationToken);
        if (configuration is null)
        {
            return (null, "the provider's discovery document could not be read");
        }

        // RFC 9207: a provider that names itself in the response must name the right issuer (mix-up defence).
        if (issuerParameter is not null && !string.Equals(issuerParameter.TrimEnd('/'), Issuer, StringComparison.Ordinal))
        {
            return (null, "the authorization response names another issuer");
        }

        var idToken = await RequestIdTokenAsync(configuration, code, redirectUri, codeVerifier, cancellationToken);
        if (idToken.Token is null)
        {
            return (null, idToken.Problem);
        }

        var validation = await ValidateAsync(idToken.Token, configuration);
        if (!validation.IsValid && validation.Exception is SecurityTokenSignatureKeyNotFoundException)
        {
            // The provider may have rotated its keys: read them again once.
            _configuration.RequestRefresh();
            configuration = await ConfigurationAsync(cancellationToken);
            validation = configuration is null ? validation : await ValidateAsync(idToken.Token, configuration);
        }

        if (!validation.IsValid)
        {
            return (null, "the ID token is not valid: " + validation.Exception?.GetType().Name);
        }

        var claims = validation.Claims;
        if (!claims.TryGetValue("nonce", out var tokenNonce) || !Sealing.FixedTimeEquals(tokenNonce as string, nonce))
        {
            return (null, "the ID token's nonce is not the one sent");
        }

        if (claims.TryGetValue("sub", out var subject) is false || subject is not string { Length: > 0 and <= 255 } sub)
        {
            return (null, "the ID token has no usable subject");
        }

        var authTime = claims.TryGetValue("auth_time", out var at) && TryLong(at, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : _time.GetUtcNow();
        return (new UpstreamIdentity(Issuer, sub, authTime), null);
    }

    private async Task<OpenIdConnectConfiguration?> ConfigurationAsync(CancellationToken cancellationToken)
    {
        try
        {
            var configuration = await _configuration.GetConfigurationAsync(cancellationToken);

            // OpenID Connect Discovery §4.3: the document must name the issuer it was read from.
            return string.Equals(configuration.Issuer?.TrimEnd('/'), Issuer, StringComparison.Ordinal) ? configuration : null;
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or HttpRequestException or ArgumentException)
        {
            return null;
        }
    }

    private async Task<(string? Token, string? Problem)> RequestIdTokenAsync(
        OpenIdConnectConfiguration configuration, string code, string redirectUri, string codeVerifier, CancellationToken cancellationToken)
    {
        if (configuration.TokenEndpoint is not { Length: > 0 } endpoint)
        {
            return (null, "the provider has no token endpoint");
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint)
        {
            Content = new FormUrlEncodedContent(
            [
                new("grant_type", "authorization_code"),
                new("code", code),
                new("redirect_uri", redirectUri),
                new("code_verifier", codeVerifier),
            ]),
        };

        // RFC 6749 §2.3.1: the id and secret are form-urlencoded before Basic encoding.
        var credentials = Uri.EscapeDataString(_options.ClientId!) + ":" + Uri.EscapeDataString(_options.ClientSecret!);
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials)));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        try
        {
            using var response = await _http.SendAsync(request, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                return (null, $"the provider's token endpoint answered {(int)response.StatusCode}");
            }

            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
            using var document = await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("id_token", out var token) && token.ValueKind == JsonValueKind.String
                ? (token.GetString(), null)
                : (null, "the provider's token response has no id_token");
        }
        catch (Exception e) when (e is HttpRequestException or JsonException or TaskCanceledException or IOException)
        {
            return (null, "the provider's token endpoint could not be reached: " + e.GetType().Name);
        }
    }

    private Task<TokenValidationResult> ValidateAsync(string idToken, OpenIdConnectConfiguration configuration) =>
        Handler.ValidateTokenAsync(idToken, new TokenValidationParameters
        {
            // Some providers name themselves with a trailing slash (the configured issuer is compared without it).
            ValidIssuers = [Issuer, Issuer + "/"],
            ValidAudience = _options.ClientId,
            IssuerSigningKeys = configuration.SigningKeys,
            ValidateIssuerSigningKey = true,
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            ClockSkew = TimeSpan.FromMinutes(2),
            ValidAlgorithms = ["RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512"],
        });

    private static bool TryLong(object value, out long result)
    {
        switch (value)
        {
            case long l when l is >= 0 and < 100_000_000_000:
                result = l;
                return true;
            case int i when i >= 0:
                result = i;
                return true;
            case double d when d is >= 0 and < 1e11:
                result = (long)d;
                return true;
            default:
                result = 0;
                return false;
        }
    }
}
