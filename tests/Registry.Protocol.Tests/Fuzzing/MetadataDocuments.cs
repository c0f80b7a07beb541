using System.Globalization;
using System.Reflection;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Registry.Protocol.Metadata;

namespace Registry.Protocol.Tests.Fuzzing;

/// <summary>Registration bodies: JSON objects of known member names with values of random JSON types, and bytes that are not quite JSON.</summary>
internal static class MetadataDocuments
{
    private static readonly string[] KnownNames =
        [.. typeof(MetadataFields).GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral).Select(f => (string)f.GetValue(null)!)];

    private static readonly string[] OtherNames = ["client_name#fr", "logo_uri#de-CH", "tos_uri#x", "policy_uri#", "client_uri#fr FR", "#fr", "keys", "x-vendor", ""];

    private static readonly string[] Words =
    [
        "client_credentials", "authorization_code", "implicit", "refresh_token", "code", "token", "web", "native", "public", "pairwise", "Bearer",
        "client_secret_basic", "client_secret_post", "none", "openid", "openid profile", "email api.read", "register", "RS256", "ES256", "HS256",
        "RSA-OAEP", "RSA1_5", "ECDH-ES", "A128GCM", "A128CBC-HS256", "https://a.example/cb", "https://a.example", "http://127.0.0.1:8080/cb",
        "http://localhost/cb", "https://localhost/x", "https://10.0.0.1/x", "https://[::1]/x", "https://[::ffff:127.0.0.1]/x", "http://a.example/x",
        "com.example.app:/cb", "myapp:/cb", "javascript:alert(1)", "https://a.example/cb#f", "https://u:p@a.example/cb", "ops@a.example", "cid",
        "2020-01-01T00:00:00.0000000Z", "eyJhbGciOiJSUzI1NiJ9.eyJ4IjoxfQ.c2ln", "a.b.c", "",
    ];

    private static readonly string[] Keys =
    [
        TestKeys.RsaJwk(), TestKeys.RsaJwk("\"kid\": \"a\""), TestKeys.EcJwk("P-256", "\"kid\": \"a\""), TestKeys.OkpJwk("Ed25519"), TestKeys.Rsa1024Jwk(),
        TestKeys.RsaJwk("\"d\": \"AQAB\""), """{"kty": "oct", "k": "c2VjcmV0"}""", """{"kty": "EC", "crv": "P-256"}""", """{"kty": "RSA", "kty": "RSA"}""",
        """{"kty": "OKP", "crv": "X25519", "x": "AAAA"}""", """{"kty": 1}""", """{}""", "[]", "\"key\"",
    ];

    public static readonly Gen<string> Names = Gen.Frequency((8, Gen.Elements(KnownNames)), (2, FuzzText.Around(OtherNames, 12)));

    /// <summary>A registration body as bytes: mostly a JSON object of metadata members, sometimes mangled, sometimes noise.</summary>
    public static Gen<byte[]> Bodies => Gen.Frequency(
        (6, Objects(2).Select(Encoding.UTF8.GetBytes)),
        (2, Objects(2).Select(Encoding.UTF8.GetBytes).SelectMany(Mangle)),
        (1, Gen.Choose(0, 64).SelectMany(n => Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b), n))),
        (1, Values(2).Select(Encoding.UTF8.GetBytes)));

    /// <summary>Objects of up to 6 members, half of them led by client_credentials (which needs no redirect URI), so that many register.</summary>
    private static Gen<string> Objects(int depth) =>
        from n in Gen.Choose(0, 6)
        from members in Gen.ArrayOf(Members(depth), n)
        from lead in Gen.Elements("\"grant_types\": [\"client_credentials\"]", "")
        select "{" + string.Join(", ", lead.Length > 0 && members.Length > 0 ? [lead, .. members] : members) + "}";

    private static readonly HashSet<string> Lists =
    [
        MetadataFields.RedirectUris, MetadataFields.GrantTypes, MetadataFields.ResponseTypes, MetadataFields.Contacts,
        MetadataFields.PostLogoutRedirectUris, MetadataFields.DefaultAcrValues, MetadataFields.AuthorizationDataTypes,
    ];

    private static readonly HashSet<string> Integers =
        [MetadataFields.TokenExpirationTimeSeconds, MetadataFields.RefreshTokenExpirationTimeSeconds, MetadataFields.ClientIdIssuedAt, MetadataFields.ClientSecretExpiresAt];

    private static readonly HashSet<string> Flags =
    [
        MetadataFields.RequireAuthTime, MetadataFields.FrontchannelLogoutSessionRequired, MetadataFields.BackchannelLogoutSessionRequired,
        MetadataFields.BackchannelUserCodeParameter, MetadataFields.TlsClientCertificateBoundAccessToken, MetadataFields.IsConsentDisabled,
    ];

    private static readonly Gen<string> TypedWords = FuzzText.JsonLiteral(FuzzText.Around(Words));

    /// <summary>A member with, mostly, a value of the JSON type its name asks for (so that validation is reached), else any value.</summary>
    private static Gen<string> Members(int depth) =>
        from name in Names
        from literal in FuzzText.JsonLiteral(Gen.Constant(name))
        from value in Gen.Frequency((5, Typed(name, depth)), (1, Values(depth)))
        select literal + ": " + value;

    private static Gen<string> Typed(string name, int depth) =>
        Lists.Contains(name) ? Gen.Choose(0, 3).SelectMany(n => Gen.ArrayOf(TypedWords, n)).Select(items => "[" + string.Join(", ", items) + "]")
        : Integers.Contains(name) ? Gen.Choose(-10, 100_000).Select(i => i.ToString(CultureInfo.InvariantCulture))
        : Flags.Contains(name) ? Gen.Elements("true", "false")
        : name == MetadataFields.Jwks ? JwkSets
        : TypedWords;

    private static readonly Gen<string> JwkSets =
        Gen.Choose(0, 3).SelectMany(n => Gen.ArrayOf(Gen.Elements(Keys), n)).Select(keys => "{\"keys\": [" + string.Join(", ", keys) + "]}");

    private static Gen<string> Values(int depth)
    {
        var scalars = Gen.Frequency(
            (6, FuzzText.JsonLiteral(FuzzText.Around(Words))),
            (2, Gen.Elements("0", "1", "-1", "60", "1800", "86400", "2592001", "1.5", "1e99", "9223372036854775808", "-0")),
            (2, Gen.Choose(-100_000, 100_000).Select(i => i.ToString(CultureInfo.InvariantCulture))),
            (2, Gen.Elements("true", "false", "null")));
        if (depth == 0)
        {
            return scalars;
        }

        return Gen.Frequency(
            (8, scalars),
            (3, Gen.Choose(0, 4).SelectMany(n => Gen.ArrayOf(Values(depth - 1), n)).Select(items => "[" + string.Join(", ", items) + "]")),
            (2, JwkSets),
            (1, Objects(depth - 1)));
    }

    /// <summary>The same bytes with a few of them replaced, removed or repeated.</summary>
    private static Gen<byte[]> Mangle(byte[] bytes) =>
        bytes.Length == 0
            ? Gen.Constant(bytes)
            : Gen.Choose(0, bytes.Length - 1).SelectMany(at => Gen.Elements<byte>(0x00, 0x22, 0x5c, 0x7b, 0x7d, 0x80, 0xc3, 0xed, 0xff).SelectMany(b =>
                Gen.Choose(0, 2).Select(edit => Edit(bytes, at, b, edit))));

    private static byte[] Edit(byte[] bytes, int at, byte b, int edit) => edit switch
    {
        0 => [.. bytes[..at], b, .. bytes[(at + 1)..]],
        1 => [.. bytes[..at], .. bytes[(at + 1)..]],
        _ => [.. bytes[..at], b, .. bytes[at..]],
    };
}
