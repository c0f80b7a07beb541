using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Registry.Protocol.Security;

/// <summary>
/// A public signing key as published in a JWK Set (RFC 7517 §4): RSA (RFC 7518 §6.3.1) for RS256, or an
/// EC P-256 key (RFC 7518 §6.2.1) for ES256. The key id is the RFC 7638 thumbprint unless given.
/// </summary>
public sealed record PublicJwk
{
    private PublicJwk(string kid, string alg, string kty, IReadOnlyList<(string Name, string Value)> members)
    {
        Kid = kid;
        Alg = alg;
        Kty = kty;
        Members = members;
    }

    public string Kid { get; }

    public string Alg { get; }

    public string Kty { get; }

    /// <summary>The key's public members (n, e for RSA; crv, x, y for EC), in RFC 7638's lexicographic order.</summary>
    public IReadOnlyList<(string Name, string Value)> Members { get; }

    public static PublicJwk FromRsa(RSAParameters parameters, string alg, string? kid = null)
    {
        (string, string)[] members = [("e", Base64Url.EncodeToString(parameters.Exponent)), ("n", Base64Url.EncodeToString(parameters.Modulus))];
        return new PublicJwk(kid ?? Thumbprint("RSA", members), alg, "RSA", members);
    }

    public static PublicJwk FromEc(ECParameters parameters, string alg, string? kid = null)
    {
        // P-256 (secp256r1) by OID: its friendly name differs between platforms ("nistP256", "ECDSA_P256").
        if (parameters.Curve.Oid.Value is not "1.2.840.10045.3.1.7")
        {
            // Stryker disable once String : the exception's message is not a contract.
            throw new ArgumentException("only P-256 keys are published", nameof(parameters));
        }

        (string, string)[] members = [("crv", "P-256"), ("x", Base64Url.EncodeToString(parameters.Q.X)), ("y", Base64Url.EncodeToString(parameters.Q.Y))];
        return new PublicJwk(kid ?? Thumbprint("EC", members), alg, "EC", members);
    }

    /// <summary>RFC 7638: SHA-256 over the required members (and kty) in lexicographic order, no whitespace.</summary>
    public static string Thumbprint(string kty, IReadOnlyList<(string Name, string Value)> members)
    {
        (string Name, string Value)[] required = [("kty", kty), .. members];
        var canonical = "{" + string.Join(',', required.OrderBy(m => m.Name, StringComparer.Ordinal).Select(m => $"\"{m.Name}\":\"{m.Value}\"")) + "}";
        return Base64Url.EncodeToString(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }

    public void Write(Utf8JsonWriter w)
    {
        w.WriteStartObject();
        w.WriteString("kty", Kty);
        w.WriteString("use", "sig");
        w.WriteString("alg", Alg);
        w.WriteString("kid", Kid);
        foreach (var (name, value) in Members)
        {
            w.WriteString(name, value);
        }

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
