using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Registry.Cli.Output;

/// <summary>How JSON values of the admin API read in a table.</summary>
internal static class Display
{
    private static readonly JsonWriterOptions Pretty = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>A member of an object, or an undefined element when there is none.</summary>
    public static JsonElement Member(JsonElement value, string name) =>
        value.ValueKind == JsonValueKind.Object && value.TryGetProperty(name, out var member) ? member : default;

    /// <summary>The items of an array member (none when it is absent or not an array).</summary>
    public static IEnumerable<JsonElement> Items(JsonElement value, string name) =>
        Member(value, name) is { ValueKind: JsonValueKind.Array } items ? items.EnumerateArray() : [];

    /// <summary>Strings as they are, arrays as their items space-separated, null and absent as "-".</summary>
    public static string Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.Null or JsonValueKind.Undefined => "-",
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Array => value.GetArrayLength() == 0 ? "(none)" : string.Join(' ', value.EnumerateArray().Select(Text)),
        _ => value.GetRawText(),
    };

    /// <summary>Unix seconds as an ISO 8601 UTC time; 0 as "never" (e.g. <c>client_secret_expires_at</c>).</summary>
    public static string Time(JsonElement value) =>
        value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var seconds)
            ? seconds == 0 ? "never" : DateTimeOffset.FromUnixTimeSeconds(seconds).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)
            : Text(value);

    /// <summary>A member's value for a table: times (names ending in "_at") readable, the rest as <see cref="Text"/>.</summary>
    public static string Value(string name, JsonElement value) => name.EndsWith("_at", StringComparison.Ordinal) ? Time(value) : Text(value);

    /// <summary>Control characters (a newline, an escape sequence) replaced, so no value can break a table or a terminal.</summary>
    public static string Clean(string text) =>
        text.Any(char.IsControl) ? new string([.. text.Select(c => char.IsControl(c) ? '?' : c)]) : text;

    /// <summary>The JSON as the API sent it, indented, non-ASCII characters as they are.</summary>
    public static string Json(JsonElement value)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, Pretty))
        {
            value.WriteTo(writer);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
