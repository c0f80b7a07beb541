namespace Registry.Protocol.Metadata;

/// <summary>token_endpoint_auth_method values Registry serves (RFC 7591 §2).</summary>
public static class AuthMethods
{
    public const string ClientSecretBasic = "client_secret_basic";
    public const string ClientSecretPost = "client_secret_post";

    public static readonly IReadOnlyList<string> Supported = [ClientSecretBasic, ClientSecretPost];
}
