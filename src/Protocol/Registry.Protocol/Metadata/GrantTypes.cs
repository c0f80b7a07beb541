namespace Registry.Protocol.Metadata;

/// <summary>grant_types values (RFC 7591 §2).</summary>
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
