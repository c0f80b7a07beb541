namespace Registry.Protocol.Tokens;

/// <summary>A syntactically valid client_credentials token request (RFC 6749 §4.4.2) with its client credentials.</summary>
public sealed record TokenRequest(
    string GrantType,
    string ClientId,
    string ClientSecret,
    ClientAuthMethod AuthMethod,
    IReadOnlyList<string>? RequestedScopes);
