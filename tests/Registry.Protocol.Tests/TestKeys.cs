using System.Buffers.Text;
using System.Security.Cryptography;

namespace Registry.Protocol.Tests;

/// <summary>
/// Public key members of real keys, as JWK JSON text (RFC 7517), generated once per test run. Theories whose rows
/// hold these keys are not enumerated at discovery (DisableDiscoveryEnumeration): discovery runs in another process
/// with other keys, so enumerated rows would not match the rows run (Stryker then fails its initial test run).
/// </summary>
internal static class TestKeys
{
    private static readonly Lazy<RSAParameters> Rsa2048 = new(() => Rsa(2048));

    private static readonly Lazy<RSAParameters> Rsa1024 = new(() => Rsa(1024));

    /// <summary>A public RSA JWK of 2048 bits plus the given extra members (JSON member text, e.g. "\"kid\": \"a\"").</summary>
    public static string RsaJwk(params string[] extra) => Jwk("RSA", [$"\"n\": \"{B64(Rsa2048.Value.Modulus!)}\"", $"\"e\": \"{B64(Rsa2048.Value.Exponent!)}\"", .. extra]);

    public static string Rsa1024Jwk() => Jwk("RSA", [$"\"n\": \"{B64(Rsa1024.Value.Modulus!)}\"", "\"e\": \"AQAB\""]);

    /// <summary>An RSA JWK whose modulus is exactly these octets.</summary>
    public static string RsaJwkWithModulus(byte[] modulus) => Jwk("RSA", [$"\"n\": \"{B64(modulus)}\"", "\"e\": \"AQAB\""]);

    public static string EcJwk(string crv, params string[] extra)
    {
        var curve = crv switch
        {
            "P-256" => ECCurve.NamedCurves.nistP256,
            "P-384" => ECCurve.NamedCurves.nistP384,
            _ => ECCurve.NamedCurves.nistP521,
        };
        using var key = ECDsa.Create(curve);
        var q = key.ExportParameters(false).Q;
        return Jwk("EC", [$"\"crv\": \"{crv}\"", $"\"x\": \"{B64(q.X!)}\"", $"\"y\": \"{B64(q.Y!)}\"", .. extra]);
    }

    public static string OkpJwk(string crv, int length = 32) => Jwk("OKP", [$"\"crv\": \"{crv}\"", $"\"x\": \"{B64(RandomNumberGenerator.GetBytes(length))}\""]);

    public static string Jwk(string kty, IEnumerable<string> members) => "{" + string.Join(", ", [$"\"kty\": \"{kty}\"", .. members]) + "}";

    public static string Set(params string[] keys) => "{\"keys\": [" + string.Join(", ", keys) + "]}";

    public static string B64(byte[] value) => Base64Url.EncodeToString(value);

    private static RSAParameters Rsa(int bits)
    {
        using var rsa = RSA.Create(bits);
        return rsa.ExportParameters(false);
    }
}
