using Registry.Protocol.Authorization;

namespace Registry.Protocol.Tests.Authorization;

/// <summary>PKCE with S256 only (RFC 7636): verifier and challenge syntax, the challenge of a verifier, and their match.</summary>
public sealed class PkceTests
{
    /// <summary>RFC 7636 appendix B.</summary>
    private const string RfcVerifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";

    private const string RfcChallenge = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

    /// <summary>(verifier, valid) — 43 to 128 characters of ALPHA / DIGIT / "-" / "." / "_" / "~" (RFC 7636 section 4.1).</summary>
    public static TheoryData<string?, bool> Verifiers => new()
    {
        { RfcVerifier, true },
        { new string('a', 43), true },
        { new string('Z', 128), true },
        { new string('0', 42), false },
        { new string('9', 129), false },
        { "", false },
        { null, false },
        { new string('a', 42) + "-", true },
        { new string('a', 42) + ".", true },
        { new string('a', 42) + "_", true },
        { new string('a', 42) + "~", true },
        { new string('a', 42) + "+", false },
        { new string('a', 42) + "/", false },
        { new string('a', 42) + "=", false },
        { new string('a', 42) + " ", false },
        { new string('a', 42) + "é", false },
        { new string('a', 42) + "٣", false },
        { "+" + new string('a', 42), false },
    };

    [Theory]
    [MemberData(nameof(Verifiers))]
    public void A_verifier_is_43_to_128_unreserved_characters(string? verifier, bool valid)
    {
        Assert.Equal(valid, Pkce.IsVerifier(verifier));
    }

    /// <summary>(challenge, valid) — exactly 43 base64url characters, no padding: what an S256 hash encodes to.</summary>
    public static TheoryData<string?, bool> Challenges => new()
    {
        { RfcChallenge, true },
        { new string('A', 43), true },
        { new string('z', 42) + "-", true },
        { new string('z', 42) + "_", true },
        { new string('5', 43), true },
        { new string('A', 42), false },
        { new string('A', 44), false },
        { RfcChallenge + "=", false },
        { new string('A', 42) + "+", false },
        { new string('A', 42) + "/", false },
        { new string('A', 42) + ".", false },
        { new string('A', 42) + "~", false },
        { new string('A', 42) + "é", false },
        { "/" + new string('A', 42), false },
        { "", false },
        { null, false },
    };

    [Theory]
    [MemberData(nameof(Challenges))]
    public void A_challenge_is_43_base64url_characters(string? challenge, bool valid)
    {
        Assert.Equal(valid, Pkce.IsChallenge(challenge));
    }

    [Fact]
    public void The_challenge_of_the_rfc7636_example_verifier_is_the_rfc_one()
    {
        Assert.Equal(RfcChallenge, Pkce.ChallengeOf(RfcVerifier));
        Assert.Equal(Pkce.ChallengeLength, Pkce.ChallengeOf(new string('~', 128)).Length);
    }

    [Fact]
    public void The_limits_are_rfc7636_ones()
    {
        Assert.Equal(("S256", 43, 128, 43), (Pkce.S256, Pkce.MinVerifierLength, Pkce.MaxVerifierLength, Pkce.ChallengeLength));
    }

    [Fact]
    public void A_verifier_matches_its_own_challenge_only()
    {
        var other = new string('x', 60);

        Assert.True(Pkce.Matches(RfcVerifier, RfcChallenge));
        Assert.True(Pkce.Matches(other, Pkce.ChallengeOf(other)));
        Assert.False(Pkce.Matches(other, RfcChallenge));
        Assert.False(Pkce.Matches(RfcVerifier, Pkce.ChallengeOf(other)));
        Assert.False(Pkce.Matches(RfcVerifier, RfcChallenge[..42] + (RfcChallenge[42] == 'M' ? "N" : "M")));
        Assert.False(Pkce.Matches(null, RfcChallenge));
        Assert.False(Pkce.Matches("", RfcChallenge));
    }

    /// <summary>A verifier that is not one never matches, even against the challenge computed from it.</summary>
    [Theory]
    [InlineData(42)]
    [InlineData(129)]
    public void A_verifier_of_the_wrong_length_never_matches_even_its_own_hash(int length)
    {
        var verifier = new string('v', length);

        Assert.False(Pkce.Matches(verifier, Pkce.ChallengeOf(verifier)));
    }

    [Fact]
    public void A_verifier_with_a_reserved_character_never_matches_even_its_own_hash()
    {
        var verifier = new string('v', 50) + "+/=";

        Assert.False(Pkce.Matches(verifier, Pkce.ChallengeOf(verifier)));
    }

    /// <summary>Non-ASCII text becomes '?' in ASCII: a verifier with 'é' must not pass for the one with '?'.</summary>
    [Fact]
    public void A_non_ascii_verifier_never_matches_the_hash_of_its_ascii_replacement()
    {
        var verifier = new string('v', 50) + "é";

        Assert.False(Pkce.Matches(verifier, Pkce.ChallengeOf(new string('v', 50) + "?")));
    }

    [Fact]
    public void A_malformed_challenge_never_matches()
    {
        Assert.False(Pkce.Matches(RfcVerifier, RfcChallenge + "="));
        Assert.False(Pkce.Matches(RfcVerifier, RfcChallenge[..42]));
        Assert.False(Pkce.Matches(RfcVerifier, ""));
    }
}
