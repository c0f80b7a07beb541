namespace Registry.Protocol.Tokens;

/// <summary>
/// A syntactically valid token request (RFC 6749 §4.1.3, §4.4.2, §6) with its client credentials. The grant's own
/// parameters are set for its grant type only: <see cref="Code"/>, <see cref="RedirectUri"/> and
/// <see cref="CodeVerifier"/> for authorization_code, <see cref="RefreshToken"/> for refresh_token;
/// <see cref="Resources"/> are RFC 8707 resource indicators (any grant).
/// </summary>
public sealed record TokenRequest(
    string GrantType,
    string ClientId,
    string ClientSecret,
    ClientAuthMethod AuthMethod,
    IReadOnlyList<string>? RequestedScopes)
{
    public string? Code { get; init; }

    public string? RedirectUri { get; init; }

    public string? CodeVerifier { get; init; }

    public string? RefreshToken { get; init; }

    public IReadOnlyList<string> Resources { get; init; } = [];
}
