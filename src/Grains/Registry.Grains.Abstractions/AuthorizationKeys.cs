using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Registry.Grains.Abstractions;

/// <summary>
/// Keys of the authorization grains, all "{tenant}/{…}" so a key belongs to one tenant. A code grain is keyed by
/// the SHA-256 of the code, never the code itself (grain keys appear in logs and traces), a refresh-token family by the
/// SHA-256 of its id (which every refresh token of the family carries); a consent grain by the
/// SHA-256 of the user's subject (subjects are chosen upstream: any characters, up to 255).
/// </summary>
public static class AuthorizationKeys
{
    public static string Code(string tenant, string code) => string.Concat(tenant, "/", HashOf(code));

    /// <summary>The family id is part of every refresh token of the family: its hash keys the grain, so traces and row keys never show it.</summary>
    public static string Family(string tenant, string familyId) => string.Concat(tenant, "/", HashOf(familyId));

    public static string Consent(string tenant, string subject) => string.Concat(tenant, "/", HashOf(subject));

    private static string HashOf(string value) => Base64Url.EncodeToString(SHA256.HashData(Encoding.UTF8.GetBytes(value)));
}
