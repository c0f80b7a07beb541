namespace Registry.Protocol.Metadata;

/// <summary>token_endpoint_auth_method values Registry serves (RFC 7591 §2).</summary>
public static class AuthMethods
{
    public const string ClientSecretBasic = "client_secret_basic";
    public const string ClientSecretPost = "client_secret_post";

    /// <summary>A public client (RFC 7591 §2): no secret; it identifies itself with client_id alone and proves possession with PKCE.</summary>
    public const string None = "none";

    public static readonly IReadOnlyList<string> Supported = [ClientSecretBasic, ClientSecretPost, None];

    /// <summary>The methods of clients that hold a secret.</summary>
    public static readonly IReadOnlyList<string> Confidential = [ClientSecretBasic, ClientSecretPost];
}
