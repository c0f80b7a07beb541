using System.Text.Json;

namespace Registry.Protocol.Json;

internal static class JsonWriterExtensions
{
    /// <summary>Writes <c>"name": ["a", "b"]</c>.</summary>
    public static void WriteStringArray(this Utf8JsonWriter w, string name, IReadOnlyList<string> values)
    {
        w.WriteStartArray(name);
        foreach (var value in values)
        {
            w.WriteStringValue(value);
        }

        w.WriteEndArray();
    }
}
