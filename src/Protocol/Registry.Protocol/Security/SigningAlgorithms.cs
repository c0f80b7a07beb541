namespace Registry.Protocol.Security;

/// <summary>Algorithms a tenant can sign access tokens with.</summary>
public static class SigningAlgorithms
{
    /// <summary>RSASSA-PKCS1-v1_5 with SHA-256, RSA-2048: the interoperable default.</summary>
    public const string RS256 = "RS256";

    /// <summary>ECDSA P-256 with SHA-256: about 12x cheaper to sign than RS256.</summary>
    public const string ES256 = "ES256";

    public static readonly IReadOnlyList<string> Supported = [RS256, ES256];
}
