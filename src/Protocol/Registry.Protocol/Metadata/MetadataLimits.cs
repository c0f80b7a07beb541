namespace Registry.Protocol.Metadata;

/// <summary>Size limits on registration requests: generous for real clients, small enough to refuse abuse.</summary>
public static class MetadataLimits
{
    /// <summary>Largest registration body accepted (HTTP 413 above it).</summary>
    public const int MaxBodyBytes = 64 * 1024;

    public const int MaxArrayItems = 50;

    public const int MaxStringLength = 2048;

    /// <summary>Largest inline <c>jwks</c> value, in UTF-8 bytes of its JSON text.</summary>
    public const int MaxJwksBytes = 16 * 1024;

    /// <summary>Most keys an inline <c>jwks</c> may hold: enough for rotation of a signing and an encryption key.</summary>
    public const int MaxJwksKeys = 10;

    /// <summary>Smallest RSA modulus accepted in an inline <c>jwks</c>, in bits (RFC 7518 §3.3, §4.2: 2048 or larger).</summary>
    public const int MinRsaModulusBits = 2048;

    public const int MaxJsonDepth = 16;

    public const int MaxLocalizedValues = 50;
}
