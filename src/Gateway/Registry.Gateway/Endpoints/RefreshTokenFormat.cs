using Registry.Protocol.Security;

namespace Registry.Gateway.Endpoints;

/// <summary>
/// The shape of Registry's refresh tokens, "{family id}.{secret}": the family id (22 base64url characters) names the
/// family's grain, the secret is checked inside it. Anything else is not a refresh token and costs no grain call.
/// </summary>
internal static class RefreshTokenFormat
{
    private const int FamilyIdLength = 22;
    private const int MaxLength = 128;

    /// <summary>The family id of <paramref name="token"/>, or null when it cannot be one of Registry's refresh tokens.</summary>
    public static string? FamilyIdOf(string token)
    {
        var dot = token.IndexOf('.', StringComparison.Ordinal);
        return dot == FamilyIdLength && token.Length <= MaxLength && Base64UrlChars.IsBase64Url(token.AsSpan(0, dot)) ? token[..dot] : null;
    }
}
