using Registry.Protocol.Security;

namespace Registry.Protocol.Metadata;

/// <summary>Server defaults for client metadata a client omits.</summary>
public static class MetadataDefaults
{
    /// <summary>RFC 7591 §2: the default when token_endpoint_auth_method is omitted.</summary>
    public const string TokenEndpointAuthMethod = AuthMethods.ClientSecretBasic;

    /// <summary>RFC 7591 §2: the default when response_types is omitted.</summary>
    public static readonly IReadOnlyList<string> ResponseTypes = [Metadata.ResponseTypes.Code];

    /// <summary>OpenID Connect Registration §2: "web" when omitted.</summary>
    public const string ApplicationType = ApplicationTypes.Web;
    public const string SubjectType = SubjectTypes.Public;
    public const string SigningAlg = JoseAlgorithms.RS256;

    /// <summary>
    /// The specification's example shows RSA1_5 here; that algorithm is deprecated (RFC 8725 §3.2 steers away
    /// from RSAES-PKCS1-v1_5), so the default is RSA-OAEP-256.
    /// </summary>
    public const string EncryptionAlg = JoseAlgorithms.RsaOaep256;
    public const string EncryptionEnc = JoseAlgorithms.A128CbcHs256;
    public const int TokenLifetimeSeconds = 1800;
    public const string PreferredTokenProfile = "Bearer";

    /// <summary>The scope only the tenant's bootstrap admin client can hold: it lets a token call /register.</summary>
    public const string RegisterScope = "register";
}
