namespace Registry.Protocol.Metadata;

/// <summary>application_type values (OpenID Connect Registration §2).</summary>
public static class ApplicationTypes
{
    public const string Web = "web";
    public const string Native = "native";
}
