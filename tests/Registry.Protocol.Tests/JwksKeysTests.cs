using System.Text.Json;
using Registry.Protocol.Errors;
using Registry.Protocol.Metadata;
using static Registry.Protocol.Tests.TestKeys;

namespace Registry.Protocol.Tests;

/// <summary>An inline jwks holds well-formed public asymmetric keys only: it is stored and echoed to whoever reads the registration.</summary>
public sealed class JwksKeysTests
{
    /// <summary>A modulus of <paramref name="length"/> octets that starts with <paramref name="prefix"/>.</summary>
    private static byte[] Modulus(int length, params byte[] prefix)
    {
        var modulus = new byte[length];
        modulus.AsSpan().Fill(0xAB);
        prefix.CopyTo(modulus, 0);
        return modulus;
    }

    /// <summary>(jwks, error id, the member the description names)</summary>
    public static TheoryData<string, string, string> Refused => new()
    {
        // private and symmetric material
        { """{"keys": [{"kty": "oct", "k": "c2VjcmV0"}]}""", ErrorIds.JwksSymmetricKey, "jwks.keys[0]" },
        { """{"keys": [{"kty": "oct"}]}""", ErrorIds.JwksSymmetricKey, "jwks.keys[0]" },
        { Set(RsaJwk("\"d\": \"AQAB\"")), ErrorIds.JwksPrivateKey, "jwks.keys[0]" },
        { Set(RsaJwk("\"p\": \"AQAB\"")), ErrorIds.JwksPrivateKey, "jwks.keys[0]" },
        { Set(RsaJwk("\"q\": \"AQAB\"")), ErrorIds.JwksPrivateKey, "jwks.keys[0]" },
        { Set(RsaJwk("\"dp\": \"AQAB\"")), ErrorIds.JwksPrivateKey, "jwks.keys[0]" },
        { Set(RsaJwk("\"dq\": \"AQAB\"")), ErrorIds.JwksPrivateKey, "jwks.keys[0]" },
        { Set(RsaJwk("\"qi\": \"AQAB\"")), ErrorIds.JwksPrivateKey, "jwks.keys[0]" },
        { Set(RsaJwk("\"oth\": []")), ErrorIds.JwksPrivateKey, "jwks.keys[0]" },
        { Set(RsaJwk("\"k\": \"AQAB\"")), ErrorIds.JwksPrivateKey, "jwks.keys[0]" },
        { Set(RsaJwk(), EcJwk("P-256", "\"d\": \"AQAB\"")), ErrorIds.JwksPrivateKey, "jwks.keys[1]" },
        { Set(Jwk("OKP", ["\"crv\": \"Ed25519\"", $"\"x\": \"{B64(new byte[32])}\"", "\"d\": \"AQAB\""])), ErrorIds.JwksPrivateKey, "jwks.keys[0]" },
        // key types and curves
        { Set(Jwk("rsa", ["\"n\": \"AQAB\"", "\"e\": \"AQAB\""])), ErrorIds.JwksUnsupportedKeyType, "jwks.keys[0]" },
        { Set(Jwk("DSA", [])), ErrorIds.JwksUnsupportedKeyType, "jwks.keys[0]" },
        { Set(Jwk("EC", [$"\"x\": \"{B64(new byte[32])}\"", $"\"y\": \"{B64(new byte[32])}\""])), ErrorIds.JwksUnsupportedCurve, "jwks.keys[0].crv" },
        { Set(Jwk("EC", ["\"crv\": \"secp256k1\""])), ErrorIds.JwksUnsupportedCurve, "jwks.keys[0].crv" },
        { Set(Jwk("EC", ["\"crv\": 256"])), ErrorIds.JwksUnsupportedCurve, "jwks.keys[0].crv" },
        { Set(Jwk("EC", ["\"crv\": \"Ed25519\"", $"\"x\": \"{B64(new byte[32])}\""])), ErrorIds.JwksUnsupportedCurve, "jwks.keys[0].crv" },
        { Set(Jwk("OKP", ["\"crv\": \"P-256\"", $"\"x\": \"{B64(new byte[32])}\""])), ErrorIds.JwksUnsupportedCurve, "jwks.keys[0].crv" },
        { Set(Jwk("OKP", ["\"crv\": \"Ed448\"", $"\"x\": \"{B64(new byte[57])}\""])), ErrorIds.JwksUnsupportedCurve, "jwks.keys[0].crv" },
        // well-formed for their type
        { Set(Jwk("RSA", ["\"e\": \"AQAB\""])), ErrorIds.JwksInvalidKey, "jwks.keys[0]" },
        { Set(Jwk("RSA", [$"\"n\": \"{B64(Modulus(256, 0xC1))}\""])), ErrorIds.JwksInvalidKey, "jwks.keys[0]" },
        { Set(Jwk("RSA", [$"\"n\": \"{B64(Modulus(256, 0xC1))}\"", "\"e\": \"\""])), ErrorIds.JwksInvalidKey, "jwks.keys[0]" },
        { Set(Jwk("RSA", [$"\"n\": \"{B64(Modulus(256, 0xC1))}\"", "\"e\": 65537"])), ErrorIds.JwksInvalidKey, "jwks.keys[0]" },
        { Set(Jwk("RSA", ["\"n\": 12345", "\"e\": \"AQAB\""])), ErrorIds.JwksInvalidKey, "jwks.keys[0]" },
        { Set(Jwk("RSA", [$"\"n\": \"{B64(Modulus(256, 0xC1))}=\"", "\"e\": \"AQAB\""])), ErrorIds.JwksInvalidKey, "jwks.keys[0]" },
        { Set(Jwk("RSA", [$"\"n\": \"{B64(Modulus(256, 0xC1)).Replace('-', '+').Replace('_', '/')}+\"", "\"e\": \"AQAB\""])), ErrorIds.JwksInvalidKey, "jwks.keys[0]" },
        { Set(Jwk("RSA", [$"\"n\": \"{B64(Modulus(256, 0xC1))}AAA\"", "\"e\": \"AQAB\""])), ErrorIds.JwksInvalidKey, "jwks.keys[0]" },
        { Set(Jwk("EC", ["\"crv\": \"P-256\"", $"\"x\": \"{B64(new byte[31])}\"", $"\"y\": \"{B64(new byte[32])}\""])), ErrorIds.JwksInvalidKey, "jwks.keys[0].x" },
        { Set(Jwk("EC", ["\"crv\": \"P-256\"", $"\"x\": \"{B64(new byte[32])}\"", $"\"y\": \"{B64(new byte[33])}\""])), ErrorIds.JwksInvalidKey, "jwks.keys[0].y" },
        { Set(Jwk("EC", ["\"crv\": \"P-256\"", $"\"x\": \"{B64(new byte[32])}\""])), ErrorIds.JwksInvalidKey, "jwks.keys[0].y" },
        { Set(Jwk("EC", ["\"crv\": \"P-384\"", $"\"x\": \"{B64(new byte[32])}\"", $"\"y\": \"{B64(new byte[32])}\""])), ErrorIds.JwksInvalidKey, "jwks.keys[0].x" },
        { Set(Jwk("EC", ["\"crv\": \"P-521\"", $"\"x\": \"{B64(new byte[65])}\"", $"\"y\": \"{B64(new byte[66])}\""])), ErrorIds.JwksInvalidKey, "jwks.keys[0].x" },
        { Set(OkpJwk("Ed25519", 31)), ErrorIds.JwksInvalidKey, "jwks.keys[0].x" },
        { Set(OkpJwk("X25519", 33)), ErrorIds.JwksInvalidKey, "jwks.keys[0].x" },
        // strength
        { Set(Rsa1024Jwk()), ErrorIds.JwksWeakKey, "jwks.keys[0]" },
        { Set(RsaJwkWithModulus(Modulus(256, 0x7F))), ErrorIds.JwksWeakKey, "jwks.keys[0]" },
        { Set(RsaJwkWithModulus(Modulus(257, 0x00, 0x7F))), ErrorIds.JwksWeakKey, "jwks.keys[0]" },
        { Set(RsaJwkWithModulus(new byte[300])), ErrorIds.JwksWeakKey, "jwks.keys[0]" },
        { Set(RsaJwkWithModulus([])), ErrorIds.JwksWeakKey, "jwks.keys[0]" },
        // the set
        { Set([.. Enumerable.Range(0, MetadataLimits.MaxJwksKeys + 1).Select(i => RsaJwk($"\"kid\": \"k{i}\""))]), ErrorIds.JwksTooManyKeys, "jwks" },
        { Set(RsaJwk("\"kid\": 1")), ErrorIds.JwksKidInvalid, "jwks.keys[0].kid" },
        { Set(RsaJwk("\"kid\": null")), ErrorIds.JwksKidInvalid, "jwks.keys[0].kid" },
        { Set(RsaJwk("\"kid\": \"a\""), EcJwk("P-256", "\"kid\": \"b\""), EcJwk("P-384", "\"kid\": \"a\"")), ErrorIds.JwksKidDuplicate, "jwks.keys[2].kid" },
    };

    [Theory]
    [MemberData(nameof(Refused), DisableDiscoveryEnumeration = true)]
    public void Keys_that_are_not_well_formed_public_asymmetric_keys_are_refused(string jwks, string id, string member)
    {
        var outcome = Validate(jwks);

        Assert.False(outcome.IsSuccess, "accepted");
        Assert.Equal((OAuthErrorCodes.InvalidClientMetadata, id), (outcome.Error.Code, outcome.Error.Id));
        Assert.StartsWith(member + " ", outcome.Error.Description, StringComparison.Ordinal);
    }

    public static TheoryData<string> Accepted =>
    [
        """{"keys": []}""",
        Set(RsaJwk()),
        Set(RsaJwk("\"kid\": \"rsa-1\"", "\"use\": \"sig\"", "\"alg\": \"PS256\"", "\"x5t#S256\": \"abc\"")),
        Set(RsaJwkWithModulus(Modulus(256, 0x80))),
        Set(RsaJwkWithModulus(Modulus(257, 0x00, 0x80))),
        Set(RsaJwkWithModulus(Modulus(512, 0x01))),
        Set(EcJwk("P-256")),
        Set(EcJwk("P-384", "\"kid\": \"e\"")),
        Set(EcJwk("P-521")),
        Set(OkpJwk("Ed25519")),
        Set(OkpJwk("X25519")),
        Set(RsaJwk("\"kid\": \"a\""), EcJwk("P-256", "\"kid\": \"A\""), EcJwk("P-256")),
        Set([.. Enumerable.Range(0, MetadataLimits.MaxJwksKeys).Select(i => RsaJwk($"\"kid\": \"k{i}\""))]),
        """{"keys": [], "extra": {"d": "not a key"}}""",
    ];

    [Theory]
    [MemberData(nameof(Accepted), DisableDiscoveryEnumeration = true)]
    public void Public_rsa_ec_and_okp_keys_are_registered_as_sent(string jwks)
    {
        var outcome = Validate(jwks);

        Assert.True(outcome.IsSuccess, outcome.Error?.Description);
        Assert.Equal(jwks, outcome.Value.Jwks);
    }

    [Fact]
    public void What_is_registered_never_carries_private_members()
    {
        foreach (var jwks in new[] { Set(RsaJwk("\"d\": \"AQAB\"")), """{"keys": [{"kty": "oct", "k": "c2VjcmV0"}]}""" })
        {
            Assert.False(Validate(jwks).IsSuccess, jwks);
        }

        using var registered = JsonDocument.Parse(Validate(Set(RsaJwk(), EcJwk("P-256"))).Value!.Jwks!);
        Assert.All(registered.RootElement.GetProperty("keys").EnumerateArray(), key =>
            Assert.DoesNotContain(key.EnumerateObject(), m => m.Name is "d" or "p" or "q" or "dp" or "dq" or "qi" or "oth" or "k"));
    }

    private static Outcome<ClientMetadata> Validate(string jwks) =>
        RegistrationRequestValidator.ValidateCreate(
            TestData.Read($$"""{"grant_types": ["client_credentials"], "jwks": {{jwks}}}"""), TestData.Policy);
}
