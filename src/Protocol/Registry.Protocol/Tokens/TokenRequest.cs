namespace Registry.Protocol.Tokens;

/// <summary>How the client presented its credentials at the token endpoint (RFC 6749 §2.3.1).</summary>
public enum ClientAuthMethod
{
    ClientSecretBasic,
    ClientSecretPost,
}

/// <summary>A syntactically valid client_credentials token request (RFC 6749 §4.4.2) with its client credentials.</summary>
public sealed record TokenRequest(
    string GrantType,
    string ClientId,
    string ClientSecret,
    ClientAuthMethod AuthMethod,
    IReadOnlyList<string>? RequestedScopes);
