using System.Buffers.Text;
using System.Text.Json;
using Registry.Protocol.Errors;
using Registry.Protocol.Security;

namespace Registry.Protocol.Metadata.Rules;

/// <summary>
/// An inline jwks holds public asymmetric keys only, since it is stored and echoed to whoever reads the
/// registration: no private or symmetric members (RFC 7518 §6.2.2, §6.3.2, §6.4), no "oct" keys. Accepted key
/// types: RSA with a modulus of at least <see cref="MetadataLimits.MinRsaModulusBits"/> bits (RFC 7518 §6.3.1),
/// EC on P-256, P-384 or P-521 with coordinates of the curve's length (§6.2.1), and OKP Ed25519 or X25519
/// (RFC 8037 §2). At most <see cref="MetadataLimits.MaxJwksKeys"/> keys; a kid, when present, is a string and
/// unique in the set (RFC 7517 §4.5). (No member is repeated: the reader refuses that at any depth.)
/// </summary>
internal sealed class JwksKeysRule : IClientMetadataRule
{
    /// <summary>RFC 7518 §6.2.2, §6.3.2 and RFC 8037 §2 private members, and the symmetric key value of §6.4.1.</summary>
    private static readonly string[] SecretMembers = ["d", "p", "q", "dp", "dq", "qi", "oth", "k"];

    /// <summary>Curve name and the length of each coordinate in octets (RFC 7518 §6.2.1.2, RFC 8037 §2).</summary>
    private static readonly Dictionary<string, int> EcCurves = new(StringComparer.Ordinal) { ["P-256"] = 32, ["P-384"] = 48, ["P-521"] = 66 };

    private static readonly Dictionary<string, int> OkpCurves = new(StringComparer.Ordinal) { ["Ed25519"] = 32, ["X25519"] = 32 };

    public OAuthError? Check(ClientMetadataRequest request, RegistrationPolicy policy)
    {
        if (request.Jwks is not { } jwks)
        {
            return null;
        }

        // The reader kept this text only after parsing it as an object with a "keys" array of objects with a string kty.
        using var document = JsonDocument.Parse(jwks);
        var keys = document.RootElement.GetProperty("keys");
        var count = keys.GetArrayLength();
        if (count > MetadataLimits.MaxJwksKeys)
        {
            return Invalid(ErrorIds.JwksTooManyKeys, $"{MetadataFields.Jwks} holds {count} keys; at most {MetadataLimits.MaxJwksKeys} are accepted");
        }

        var kids = new HashSet<string>(StringComparer.Ordinal);
        var index = 0;
        foreach (var key in keys.EnumerateArray())
        {
            if (CheckKey(key, $"{MetadataFields.Jwks}.keys[{index}]", kids) is { } error)
            {
                return error;
            }

            index++;
        }

        return null;
    }

    private static OAuthError? CheckKey(JsonElement key, string name, HashSet<string> kids)
    {
        // (The reader has refused repeated members at any depth of the set.)
        var members = key.EnumerateObject().Select(m => m.Name).ToHashSet(StringComparer.Ordinal);

        var kty = key.GetProperty("kty").GetString();
        if (kty == "oct")
        {
            return Invalid(ErrorIds.JwksSymmetricKey, $"{name} is a symmetric (oct) key; only public keys may be registered");
        }

        var secret = SecretMembers.FirstOrDefault(members.Contains);
        if (secret is not null)
        {
            return Invalid(ErrorIds.JwksPrivateKey, $"{name} holds the private member '{secret}'; only public keys may be registered");
        }

        return CheckKid(key, name, kids) ?? kty switch
        {
            "RSA" => CheckRsa(key, name),
            "EC" => CheckCurve(key, name, EcCurves, ["x", "y"]),
            "OKP" => CheckCurve(key, name, OkpCurves, ["x"]),
            _ => Invalid(ErrorIds.JwksUnsupportedKeyType, $"{name} has the key type '{kty}'; supported: RSA EC OKP"),
        };
    }

    private static OAuthError? CheckKid(JsonElement key, string name, HashSet<string> kids)
    {
        if (!key.TryGetProperty("kid", out var kid))
        {
            return null;
        }

        if (kid.ValueKind != JsonValueKind.String)
        {
            return Invalid(ErrorIds.JwksKidInvalid, $"{name}.kid must be a string");
        }

        return kids.Add(kid.GetString()!)
            ? null
            : Invalid(ErrorIds.JwksKidDuplicate, $"{name}.kid '{kid.GetString()}' is used by another key of the set");
    }

    /// <summary>RFC 7518 §6.3.1: n and e, Base64urlUInt; the modulus' size counts from its first set bit.</summary>
    private static OAuthError? CheckRsa(JsonElement key, string name)
    {
        if (Decode(key, "n") is not { } modulus || Decode(key, "e") is not { Length: > 0 })
        {
            return Invalid(ErrorIds.JwksInvalidKey, $"{name} must have the members n and e, base64url-encoded (RFC 7518 section 6.3.1)");
        }

        var bits = BitLength(modulus);
        return bits >= MetadataLimits.MinRsaModulusBits
            ? null
            : Invalid(ErrorIds.JwksWeakKey, $"{name} has a {bits}-bit modulus; at least {MetadataLimits.MinRsaModulusBits} bits are required");
    }

    private static OAuthError? CheckCurve(JsonElement key, string name, Dictionary<string, int> curves, string[] coordinates)
    {
        var crv = key.TryGetProperty("crv", out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : null;
        if (crv is null || !curves.TryGetValue(crv, out var length))
        {
            return Invalid(ErrorIds.JwksUnsupportedCurve, $"{name}.crv '{crv}' is not supported; supported: {string.Join(' ', curves.Keys)}");
        }

        foreach (var coordinate in coordinates)
        {
            if (Decode(key, coordinate)?.Length != length)
            {
                return Invalid(ErrorIds.JwksInvalidKey, $"{name}.{coordinate} must be {length} octets, base64url-encoded, for the curve {crv}");
            }
        }

        return null;
    }

    /// <summary>A member's value as base64url without padding (RFC 7515 §2), decoded; null when it is anything else.</summary>
    private static byte[]? Decode(JsonElement key, string member)
    {
        if (!key.TryGetProperty(member, out var value) || value.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        var text = value.GetString()!;
        return Base64UrlChars.IsBase64Url(text) && Base64Url.IsValid(text) ? Base64Url.DecodeFromChars(text) : null;
    }

    private static int BitLength(byte[] value)
    {
        var first = Array.FindIndex(value, b => b != 0);
        return first < 0 ? 0 : ((value.Length - first) * 8) - System.Numerics.BitOperations.LeadingZeroCount((uint)value[first]) + 24;
    }

    private static OAuthError Invalid(string id, string description) => OAuthError.InvalidClientMetadata(id, description);
}
