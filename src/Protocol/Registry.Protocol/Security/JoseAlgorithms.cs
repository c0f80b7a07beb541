namespace Registry.Protocol.Security;

/// <summary>The JOSE algorithm names Registry knows (RFC 7518), in one catalogue.</summary>
public static class JoseAlgorithms
{
    public const string RS256 = "RS256";
    public const string RS384 = "RS384";
    public const string RS512 = "RS512";
    public const string PS256 = "PS256";
    public const string PS384 = "PS384";
    public const string PS512 = "PS512";
    public const string ES256 = "ES256";
    public const string ES384 = "ES384";
    public const string ES512 = "ES512";

    /// <summary>RSAES-PKCS1-v1_5 key encryption: deprecated (RFC 8725 §3.2), refused wherever a client asks for it.</summary>
    public const string Rsa1_5 = "RSA1_5";
    public const string RsaOaep = "RSA-OAEP";
    public const string RsaOaep256 = "RSA-OAEP-256";

    public const string A128CbcHs256 = "A128CBC-HS256";

    /// <summary>
    /// What a tenant signs access tokens with: RS256 (RSA-2048, the interoperable default) or ES256 (P-256,
    /// about 12x cheaper to sign).
    /// </summary>
    public static readonly IReadOnlyList<string> AccessTokenSigning = [RS256, ES256];

    /// <summary>JWS algorithms a client may ask for (no "none", no HMAC: Registry holds no shared keys).</summary>
    public static readonly IReadOnlyList<string> Signing = [RS256, RS384, RS512, PS256, PS384, PS512, ES256, ES384, ES512];

    /// <summary>JWE key-management algorithms a client may ask for; RSA1_5 is not among them.</summary>
    public static readonly IReadOnlyList<string> KeyEncryption = [RsaOaep, RsaOaep256, "ECDH-ES", "ECDH-ES+A128KW", "ECDH-ES+A192KW", "ECDH-ES+A256KW"];

    public static readonly IReadOnlyList<string> ContentEncryption = [A128CbcHs256, "A192CBC-HS384", "A256CBC-HS512", "A128GCM", "A192GCM", "A256GCM"];
}
