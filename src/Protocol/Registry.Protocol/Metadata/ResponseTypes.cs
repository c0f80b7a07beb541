namespace Registry.Protocol.Metadata;

/// <summary>response_types values (RFC 7591 §2).</summary>
public static class ResponseTypes
{
    public const string Code = "code";
    public const string Token = "token";

    public static readonly IReadOnlyList<string> Registrable = [Code, Token];
}
