namespace Registry.Protocol.Tokens;

/// <summary>
/// An introspection (RFC 7662 §2.1) or revocation (RFC 7009 §2.1) request: the token, the caller's optional hint of
/// its type, and the caller's client credentials as at the token endpoint.
/// </summary>
public sealed record TokenHandlingRequest(string Token, string? TokenTypeHint, string ClientId, string ClientSecret, ClientAuthMethod AuthMethod);
