using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Registry.Testing;

/// <summary>
/// A real, minimal OpenID Provider for tests (OpenID Connect Core §3.1, the authorization code flow), on Kestrel
/// at a loopback port: discovery, a JWKS with one RSA key, an authorization endpoint that signs in
/// <see cref="Subject"/> without asking (PKCE S256 required, one client, exact redirect URIs) and a token endpoint
/// (client_secret_basic, codes single use, the verifier and redirect URI checked) answering an RS256 ID token.
/// <see cref="Misbehavior"/> makes it answer what a broken or hostile provider would.
/// </summary>
public sealed class UpstreamProvider : IAsyncDisposable
{
    public const string KeyId = "upstream-rs256";

    private static readonly TimeSpan IdTokenLifetime = TimeSpan.FromMinutes(5);

    private readonly RSA _key = RSA.Create(2048);
    private readonly RSA _unpublishedKey = RSA.Create(2048);
    private readonly ConcurrentDictionary<string, UpstreamCode> _codes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _redirectUris = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<IReadOnlyDictionary<string, string>> _authorizationRequests = new();
    private WebApplication _app = null!;
    private volatile string _subject = "alice";
    private volatile UpstreamMisbehavior _misbehavior;
    private int _tokenRequests;

    private UpstreamProvider(string clientId, string clientSecret)
    {
        ClientId = clientId;
        ClientSecret = clientSecret;
    }

    /// <summary>The issuer, http://127.0.0.1:{port} (no trailing slash); discovery is at {Issuer}/.well-known/openid-configuration.</summary>
    public string Issuer { get; private set; } = "";

    public string ClientId { get; }

    public string ClientSecret { get; }

    /// <summary>The user /authorize signs in (the ID token's sub) from now on. Default "alice".</summary>
    public string Subject
    {
        get => _subject;
        set => _subject = value;
    }

    /// <summary>How the provider misbehaves from now on; <see cref="UpstreamMisbehavior.None"/> by default.</summary>
    public UpstreamMisbehavior Misbehavior
    {
        get => _misbehavior;
        set => _misbehavior = value;
    }

    /// <summary>The query parameters of every authorization request that named the client and a registered redirect URI, in order.</summary>
    public IReadOnlyList<IReadOnlyDictionary<string, string>> AuthorizationRequests => [.. _authorizationRequests];

    /// <summary>How many requests reached the token endpoint.</summary>
    public int TokenRequests => Volatile.Read(ref _tokenRequests);

    public static async Task<UpstreamProvider> StartAsync(string clientId = "registry", string? clientSecret = null)
    {
        var provider = new UpstreamProvider(clientId, clientSecret ?? Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(24)));
        await provider.StartCoreAsync();
        return provider;
    }

    /// <summary>Registers a redirect URI of the client (compared exactly).</summary>
    public void AllowRedirectUri(string redirectUri) => _redirectUris[redirectUri] = true;

    /// <summary>Misbehaves as <paramref name="misbehavior"/> until the answer is disposed.</summary>
    public IDisposable Misbehave(UpstreamMisbehavior misbehavior)
    {
        Misbehavior = misbehavior;
        return new Restore(() => Misbehavior = UpstreamMisbehavior.None);
    }

    /// <summary>Signs in <paramref name="subject"/> until the answer is disposed; then whoever was signed in before.</summary>
    public IDisposable SignIn(string subject)
    {
        var before = Subject;
        Subject = subject;
        return new Restore(() => Subject = before);
    }

    /// <summary>The S256 code challenge of a verifier (RFC 7636 §4.2).</summary>
    public static string ChallengeOf(string verifier) => Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _key.Dispose();
        _unpublishedKey.Dispose();
    }

    private async Task StartCoreAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.MapGet("/.well-known/openid-configuration", Discovery);
        _app.MapGet("/jwks", Jwks);
        _app.MapGet("/authorize", Authorize);
        _app.MapPost("/token", Token);
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Issuer = address.TrimEnd('/');
    }

    private Task Discovery(HttpContext context) => WriteJsonAsync(context, HttpStatusCode.OK, new Dictionary<string, object>
    {
        ["issuer"] = Issuer,
        ["authorization_endpoint"] = Issuer + "/authorize",
        ["token_endpoint"] = Issuer + "/token",
        ["jwks_uri"] = Issuer + "/jwks",
        ["response_types_supported"] = new List<string> { "code" },
        ["grant_types_supported"] = new List<string> { "authorization_code" },
        ["subject_types_supported"] = new List<string> { "public" },
        ["id_token_signing_alg_values_supported"] = new List<string> { SecurityAlgorithms.RsaSha256 },
        ["code_challenge_methods_supported"] = new List<string> { "S256" },
        ["token_endpoint_auth_methods_supported"] = new List<string> { "client_secret_basic" },
        ["scopes_supported"] = new List<string> { "openid", "profile", "email" },
    });

    private Task Jwks(HttpContext context)
    {
        var parameters = _key.ExportParameters(includePrivateParameters: false);
        return WriteJsonAsync(context, HttpStatusCode.OK, new Dictionary<string, object>
        {
            ["keys"] = new List<Dictionary<string, string>>
            {
                new()
                {
                    ["kty"] = "RSA",
                    ["use"] = "sig",
                    ["alg"] = SecurityAlgorithms.RsaSha256,
                    ["kid"] = KeyId,
                    ["n"] = Base64Url.EncodeToString(parameters.Modulus),
                    ["e"] = Base64Url.EncodeToString(parameters.Exponent),
                },
            },
        });
    }

    private Task Authorize(HttpContext context)
    {
        var query = context.Request.Query;
        string? One(string name) => query[name] is { Count: 1 } values ? values[0] : null;

        var redirectUri = One("redirect_uri");
        if (One("client_id") != ClientId || redirectUri is null || !_redirectUris.ContainsKey(redirectUri))
        {
            // Never redirect to an unverified redirect URI (RFC 6749 §4.1.2.1).
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            context.Response.ContentType = "text/plain; charset=utf-8";
            return context.Response.WriteAsync("unknown client_id or unregistered redirect_uri");
        }

        _authorizationRequests.Enqueue(query.ToDictionary(p => p.Key, p => p.Value.ToString(), StringComparer.Ordinal));
        var state = One("state");
        var scopes = (One("scope") ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var challenge = One("code_challenge");
        var failure = One("response_type") != "code" ? "unsupported_response_type"
            : One("code_challenge_method") != "S256" || challenge is not { Length: 43 } ? "invalid_request"
            : !scopes.Contains("openid", StringComparer.Ordinal) ? "invalid_scope"
            : Misbehavior.HasFlag(UpstreamMisbehavior.DenyAccess) ? "access_denied"
            : null;
        if (failure is not null)
        {
            return Redirect(context, redirectUri, ("error", failure), ("error_description", "refused by the upstream provider"), ("state", state));
        }

        var code = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        _codes[code] = new UpstreamCode(redirectUri, challenge!, One("nonce"), Subject, string.Join(' ', scopes), DateTimeOffset.UtcNow);
        return Redirect(context, redirectUri, ("code", code), ("state", state));
    }

    private async Task Token(HttpContext context)
    {
        Interlocked.Increment(ref _tokenRequests);
        if (Misbehavior.HasFlag(UpstreamMisbehavior.TokenEndpointFails))
        {
            context.Response.StatusCode = StatusCodes.Status500InternalServerError;
            context.Response.ContentType = "text/plain; charset=utf-8";
            await context.Response.WriteAsync("the upstream provider is having a bad day");
            return;
        }

        if (!IsClientAuthenticated(context.Request))
        {
            context.Response.Headers.WWWAuthenticate = "Basic realm=\"upstream\"";
            await WriteErrorAsync(context, HttpStatusCode.Unauthorized, "invalid_client");
            return;
        }

        if (!context.Request.HasFormContentType)
        {
            await WriteErrorAsync(context, HttpStatusCode.BadRequest, "invalid_request");
            return;
        }

        var form = await context.Request.ReadFormAsync();
        if (form["grant_type"] != "authorization_code")
        {
            await WriteErrorAsync(context, HttpStatusCode.BadRequest, "unsupported_grant_type");
            return;
        }

        // Single use: whoever removes the code redeems it.
        if (form["code"] is not { Count: 1 } code || !_codes.TryRemove(code[0]!, out var issued)
            || form["redirect_uri"] != issued.RedirectUri
            || form["code_verifier"] is not { Count: 1 } verifier || ChallengeOf(verifier[0]!) != issued.CodeChallenge)
        {
            await WriteErrorAsync(context, HttpStatusCode.BadRequest, "invalid_grant");
            return;
        }

        await WriteJsonAsync(context, HttpStatusCode.OK, new Dictionary<string, object>
        {
            ["access_token"] = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32)),
            ["token_type"] = "Bearer",
            ["expires_in"] = (int)IdTokenLifetime.TotalSeconds,
            ["scope"] = issued.Scope,
            ["id_token"] = IdToken(issued),
        });
    }

    private string IdToken(UpstreamCode issued)
    {
        var misbehavior = Misbehavior;
        var now = DateTimeOffset.UtcNow;
        var issuedAt = misbehavior.HasFlag(UpstreamMisbehavior.ExpiredIdToken) ? now.AddHours(-2) : now;
        var claims = new Dictionary<string, object>
        {
            [JwtRegisteredClaimNames.Sub] = issued.Subject,
            [JwtRegisteredClaimNames.AuthTime] = issued.AuthTime.ToUnixTimeSeconds(),
        };
        if (misbehavior.HasFlag(UpstreamMisbehavior.WrongNonce))
        {
            claims[JwtRegisteredClaimNames.Nonce] = "not-" + issued.Nonce;
        }
        else if (issued.Nonce is not null && !misbehavior.HasFlag(UpstreamMisbehavior.MissingNonce))
        {
            claims[JwtRegisteredClaimNames.Nonce] = issued.Nonce;
        }

        var key = misbehavior.HasFlag(UpstreamMisbehavior.UnpublishedSigningKey) ? _unpublishedKey : _key;
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = misbehavior.HasFlag(UpstreamMisbehavior.WrongIssuer) ? Issuer + "/impostor" : Issuer,
            Audience = misbehavior.HasFlag(UpstreamMisbehavior.WrongAudience) ? ClientId + "-other" : ClientId,
            IssuedAt = issuedAt.UtcDateTime,
            NotBefore = issuedAt.UtcDateTime,
            Expires = (misbehavior.HasFlag(UpstreamMisbehavior.ExpiredIdToken) ? now.AddHours(-1) : now + IdTokenLifetime).UtcDateTime,
            Claims = claims,
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(key) { KeyId = KeyId }, SecurityAlgorithms.RsaSha256),
        });
    }

    /// <summary>client_secret_basic (RFC 6749 §2.3.1: id and secret form-urlencoded, then Basic).</summary>
    private bool IsClientAuthenticated(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..].Trim()));
        }
        catch (FormatException)
        {
            return false;
        }

        var colon = decoded.IndexOf(':', StringComparison.Ordinal);
        return colon > 0
            && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(Uri.UnescapeDataString(decoded[..colon].Replace('+', ' '))), Encoding.UTF8.GetBytes(ClientId))
            && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(Uri.UnescapeDataString(decoded[(colon + 1)..].Replace('+', ' '))), Encoding.UTF8.GetBytes(ClientSecret));
    }

    private static Task Redirect(HttpContext context, string redirectUri, params (string Name, string? Value)[] parameters)
    {
        var query = string.Join('&', parameters.Where(p => p.Value is not null).Select(p => $"{p.Name}={Uri.EscapeDataString(p.Value!)}"));
        context.Response.StatusCode = StatusCodes.Status302Found;
        context.Response.Headers.Location = redirectUri + (redirectUri.Contains('?', StringComparison.Ordinal) ? "&" : "?") + query;
        context.Response.Headers.CacheControl = "no-store";
        return Task.CompletedTask;
    }

    private static Task WriteErrorAsync(HttpContext context, HttpStatusCode status, string error) =>
        WriteJsonAsync(context, status, new Dictionary<string, object> { ["error"] = error, ["error_description"] = "refused by the upstream provider" });

    private static Task WriteJsonAsync(HttpContext context, HttpStatusCode status, Dictionary<string, object> body)
    {
        context.Response.StatusCode = (int)status;
        context.Response.ContentType = "application/json";
        context.Response.Headers.CacheControl = "no-store";
        return context.Response.WriteAsync(JsonSerializer.Serialize(body));
    }

    private sealed class Restore(Action restore) : IDisposable
    {
        public void Dispose() => restore();
    }
}
