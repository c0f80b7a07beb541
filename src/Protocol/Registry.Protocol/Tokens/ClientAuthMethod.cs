namespace Registry.Protocol.Tokens;

/// <summary>How the client presented its credentials at the token endpoint (RFC 6749 §2.3.1).</summary>
public enum ClientAuthMethod
{
    ClientSecretBasic,
    ClientSecretPost,

    /// <summary>A public client: client_id in the body, no secret (RFC 6749 §2.1, §4.1.3).</summary>
    None,
}
