using System.Buffers.Text;
using System.Security.Cryptography;

namespace Registry.Testing.Authorization;

/// <summary>
/// An authorization request (RFC 6749 §4.1.1 with PKCE, RFC 7636 §4.3, and resource indicators, RFC 8707) as a
/// client sends it to /authorize: by default a well-formed one, with a fresh verifier and state. Tests make it
/// wrong one member at a time.
/// </summary>
public sealed record AuthorizationRequest(string ClientId, string RedirectUri)
{
    public string? ResponseType { get; init; } = "code";

    /// <summary>The PKCE verifier the client keeps for the token request: 43 unreserved characters.</summary>
    public string CodeVerifier { get; init; } = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    /// <summary>The challenge sent; null: the S256 challenge of <see cref="CodeVerifier"/>.</summary>
    public string? CodeChallenge { get; init; }

    /// <summary>Sends no code_challenge at all.</summary>
    public bool WithoutCodeChallenge { get; init; }

    /// <summary>The method sent; null: none sent.</summary>
    public string? CodeChallengeMethod { get; init; } = "S256";

    public string? State { get; init; } = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(12));

    public string? Scope { get; init; }

    public IReadOnlyList<string> Resources { get; init; } = [];

    /// <summary>Raw query parameters appended as they are (already encoded), e.g. "prompt=none".</summary>
    public string? Extra { get; init; }

    /// <summary>The redirect URI at the token endpoint; null: <see cref="RedirectUri"/>.</summary>
    public string? TokenRedirectUri { get; init; }

    public string EffectiveCodeChallenge => CodeChallenge ?? UpstreamProvider.ChallengeOf(CodeVerifier);

    /// <summary>The query string (without "?").</summary>
    public string ToQuery()
    {
        var parameters = new List<(string Name, string? Value)>
        {
            ("response_type", ResponseType),
            ("client_id", ClientId),
            ("redirect_uri", RedirectUri),
            ("code_challenge", WithoutCodeChallenge ? null : EffectiveCodeChallenge),
            ("code_challenge_method", CodeChallengeMethod),
            ("state", State),
            ("scope", Scope),
        };
        parameters.AddRange(Resources.Select(r => ("resource", (string?)r)));
        var query = string.Join('&', parameters.Where(p => p.Value is not null).Select(p => $"{p.Name}={Uri.EscapeDataString(p.Value!)}"));
        return Extra is null ? query : query + "&" + Extra;
    }

    /// <summary>The form of the token request redeeming <paramref name="code"/> (RFC 6749 §4.1.3, RFC 7636 §4.5), without client authentication.</summary>
    public string TokenForm(string code, string? resource = null) =>
        $"grant_type=authorization_code&code={Uri.EscapeDataString(code)}&redirect_uri={Uri.EscapeDataString(TokenRedirectUri ?? RedirectUri)}"
        + $"&code_verifier={Uri.EscapeDataString(CodeVerifier)}" + (resource is null ? "" : "&resource=" + Uri.EscapeDataString(resource));
}
