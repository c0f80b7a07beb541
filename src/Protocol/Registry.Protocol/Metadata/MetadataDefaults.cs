namespace Registry.Protocol.Metadata;

/// <summary>Server defaults for omitted metadata and the values Registry supports.</summary>
public static class MetadataDefaults
{
    /// <summary>RFC 7591 §2: the default when token_endpoint_auth_method is omitted.</summary>
    public const string TokenEndpointAuthMethod = AuthMethods.ClientSecretBasic;

    /// <summary>RFC 7591 §2: the default when response_types is omitted.</summary>
    public static readonly IReadOnlyList<string> ResponseTypes = [Metadata.ResponseTypes.Code];

    /// <summary>OpenID Connect Registration §2: "web" when omitted.</summary>
    public const string ApplicationType = ApplicationTypes.Web;
    public const string SubjectType = "public";
    public const string SigningAlg = "RS256";

    /// <summary>
    /// The seed's example shows RSA1_5 here; that algorithm is deprecated (RFC 8725 §3.2 steers away from
    /// RSAES-PKCS1-v1_5), so the default is RSA-OAEP-256.
    /// </summary>
    public const string EncryptionAlg = "RSA-OAEP-256";
    public const string EncryptionEnc = "A128CBC-HS256";
    public const int TokenLifetimeSeconds = 1800;
    public const string PreferredTokenProfile = "Bearer";

    /// <summary>The scope only the tenant's bootstrap admin client can hold: it lets a token call /register.</summary>
    public const string RegisterScope = "register";
}

public static class AuthMethods
{
    public const string ClientSecretBasic = "client_secret_basic";
    public const string ClientSecretPost = "client_secret_post";

    public static readonly IReadOnlyList<string> Supported = [ClientSecretBasic, ClientSecretPost];
}

public static class GrantTypes
{
    public const string ClientCredentials = "client_credentials";
    public const string AuthorizationCode = "authorization_code";
    public const string RefreshToken = "refresh_token";
    public const string Implicit = "implicit";

    /// <summary>Grant types a client may register. Only client_credentials is served by /token.</summary>
    public static readonly IReadOnlyList<string> Registrable = [ClientCredentials, AuthorizationCode, RefreshToken, Implicit];

    /// <summary>Grant types that send the user agent back to a redirect URI (RFC 7591 §2).</summary>
    public static bool UsesRedirect(string grantType) => grantType is AuthorizationCode or Implicit;
}

public static class ResponseTypes
{
    public const string Code = "code";
    public const string Token = "token";

    public static readonly IReadOnlyList<string> Registrable = [Code, Token];
}

public static class ApplicationTypes
{
    public const string Web = "web";
    public const string Native = "native";
}

public static class Algorithms
{
    /// <summary>JWS algorithms a client may ask for (no "none", no HMAC: Registry holds no shared keys).</summary>
    public static readonly IReadOnlyList<string> Signing = ["RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512"];

    /// <summary>JWE key-management algorithms a client may ask for; RSA1_5 is deprecated and refused.</summary>
    public static readonly IReadOnlyList<string> KeyEncryption = ["RSA-OAEP", "RSA-OAEP-256", "ECDH-ES", "ECDH-ES+A128KW", "ECDH-ES+A192KW", "ECDH-ES+A256KW"];

    public static readonly IReadOnlyList<string> ContentEncryption = ["A128CBC-HS256", "A192CBC-HS384", "A256CBC-HS512", "A128GCM", "A192GCM", "A256GCM"];
}
