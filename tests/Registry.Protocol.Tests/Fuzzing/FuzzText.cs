using System.Globalization;
using System.Text;
using FsCheck;
using FsCheck.Fluent;

namespace Registry.Protocol.Tests.Fuzzing;

/// <summary>Generators of awkward text: controls, bidirectional and zero-width characters, lone surrogates, astral characters.</summary>
internal static class FuzzText
{
    private static readonly char[] Special =
    [
        '\0', '\t', '\n', '\r', '\u001b', '\u007f', '\u0085', '\u00a0', '\u00ad', '\u061c', '\u200b', '\u200c', '\u200d', '\u200e', '\u200f',
        '\u2028', '\u2029', '\u202a', '\u202e', '\u2060', '\u2066', '\u2069', '\ufeff', '\ufffd', '\ud800', '\udc00', '\udbff', '\udfff',
        '"', '\\', '/', '%', '+', '&', '=', ':', '@', '#', '?', '[', ']', ' ', '.', '-', '_', 'é', 'ß', '日',
    ];

    public static readonly Gen<char> Chars = Gen.Frequency(
        (6, Gen.Choose(0x20, 0x7e).Select(i => (char)i)),
        (3, Gen.Elements(Special)),
        (1, Gen.Choose(0, 0xffff).Select(i => (char)i)));

    public static Gen<string> Strings(int maxLength) =>
        Gen.Choose(0, maxLength).SelectMany(n => Gen.ArrayOf(Chars, n)).Select(cs => new string(cs));

    /// <summary>A string from <paramref name="pool"/>, sometimes with a random edit, or random text.</summary>
    public static Gen<string> Around(IReadOnlyList<string> pool, int maxLength = 40) => Gen.Frequency(
        (5, Gen.Elements<string>(pool)),
        (2, Gen.Elements<string>(pool).SelectMany(s => Gen.Choose(0, s.Length).SelectMany(at => Strings(3).Select(insert => s.Insert(at, insert))))),
        (2, Strings(maxLength)));

    /// <summary>A JSON string literal; characters are escaped as \uXXXX when they must be, and sometimes when they need not be.</summary>
    public static Gen<string> JsonLiteral(Gen<string> text) =>
        text.SelectMany(s => Gen.ArrayOf(Gen.Elements(true, false, false, false), s.Length).Select(escapeAnyway => Quote(s, escapeAnyway)));

    private static string Quote(string s, bool[] escapeAnyway)
    {
        var json = new StringBuilder("\"");
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (c < 0x20 || c is '"' or '\\' || char.IsSurrogate(c) || escapeAnyway[i])
            {
                json.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
            }
            else
            {
                json.Append(c);
            }
        }

        return json.Append('"').ToString();
    }
}
