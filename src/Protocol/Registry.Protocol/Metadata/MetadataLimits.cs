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

    public const int MaxJsonDepth = 16;

    public const int MaxLocalizedValues = 50;
}
