namespace Registry.Protocol.Tokens;

/// <summary>How the client presented its credentials at the token endpoint (RFC 6749 §2.3.1).</summary>
public enum ClientAuthMethod
{
    ClientSecretBasic,
    ClientSecretPost,
}
