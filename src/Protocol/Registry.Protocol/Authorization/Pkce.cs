using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Registry.Protocol.Authorization;

/// <summary>
/// Proof Key for Code Exchange (RFC 7636), S256 only: a code challenge is BASE64URL(SHA256(ASCII(code_verifier))),
/// 43 characters; a verifier is 43–128 characters of [A-Z a-z 0-9 - . _ ~] (§4.1).
/// </summary>
public static class Pkce
{
    public const string S256 = "S256";

    public const int MinVerifierLength = 43;

    public const int MaxVerifierLength = 128;

    public const int ChallengeLength = 43;

    public static bool IsVerifier(string? verifier) =>
        verifier is { Length: >= MinVerifierLength and <= MaxVerifierLength } && verifier.All(IsUnreserved);

    /// <summary>A syntactically valid S256 challenge: 43 base64url characters (a SHA-256 hash).</summary>
    public static bool IsChallenge(string? challenge) =>
        challenge is { Length: ChallengeLength } && challenge.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    /// <summary>The S256 challenge of <paramref name="verifier"/>.</summary>
    public static string ChallengeOf(string verifier)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.ASCII.GetBytes(verifier), hash);
        return Base64Url.EncodeToString(hash);
    }

    /// <summary>Whether <paramref name="verifier"/> is valid and its S256 challenge is <paramref name="challenge"/> (constant time).</summary>
    public static bool Matches(string? verifier, string challenge)
    {
        if (!IsVerifier(verifier) || !IsChallenge(challenge))
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(ChallengeOf(verifier!)), Encoding.ASCII.GetBytes(challenge));
    }

    private static bool IsUnreserved(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '~';
}
