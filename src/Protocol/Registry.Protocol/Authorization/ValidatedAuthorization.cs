namespace Registry.Protocol.Authorization;

/// <summary>
/// An authorization request that passed every check: the redirect URI to answer at, the granted scope (normalized,
/// space-delimited; <see cref="Scopes"/> its tokens), the resources, the S256 challenge, and the prompt (RFC 6749 has
/// none; Registry honours OpenID Connect's <c>none</c>, <c>login</c> and <c>consent</c>).
/// </summary>
public sealed record ValidatedAuthorization(
    string ClientId,
    string RedirectUri,
    string? State,
    IReadOnlyList<string> Scopes,
    IReadOnlyList<string> Resources,
    string CodeChallenge,
    string? Prompt)
{
    public string Scope => string.Join(' ', Scopes);
}
