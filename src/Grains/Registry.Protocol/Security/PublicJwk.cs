using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Registry.Protocol.Security;

/// <summary>An RSA public signing key as published in a JWK Set (RFC 7517 §4, RFC 7518 §6.3.1).</summary>
public sealed record PublicJwk(string Kid, string Alg, string N, string E)
{
    public static PublicJwk FromRsa(RSAParameters parameters, string alg, string? kid = null)
    {
        var n = Base64Url.EncodeToString(parameters.Modulus);
        var e = Base64Url.EncodeToString(parameters.Exponent);
        return new PublicJwk(kid ?? Thumbprint(n, e), alg, n, e);
    }

    /// <summary>RFC 7638 JWK thumbprint: SHA-256 over the required members in lexicographic order.</summary>
    public static string Thumbprint(string n, string e)
    {
        var canonical = $$"""{"e":"{{e}}","kty":"RSA","n":"{{n}}"}""";
        return Base64Url.EncodeToString(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }

    public void Write(Utf8JsonWriter w)
    {
        w.WriteStartObject();
        w.WriteString("kty", "RSA");
        w.WriteString("use", "sig");
        w.WriteString("alg", Alg);
        w.WriteString("kid", Kid);
        w.WriteString("n", N);
        w.WriteString("e", E);
        w.WriteEndObject();
    }

    /// <summary>A JWK Set document (RFC 7517 §5).</summary>
    public static void WriteSet(Utf8JsonWriter w, IEnumerable<PublicJwk> keys)
    {
        w.WriteStartObject();
        w.WriteStartArray("keys");
        foreach (var key in keys)
        {
            key.Write(w);
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }
}
