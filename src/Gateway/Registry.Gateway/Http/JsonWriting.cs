using System.Text.Encodings.Web;
using System.Text.Json;

namespace Registry.Gateway.Http;

/// <summary>
/// Writer options for every JSON response. Relaxed escaping keeps quotes in descriptions readable
/// ('x' rather than \u0027x\u0027); responses are application/json with nosniff, never embedded in HTML.
/// </summary>
internal static class JsonWriting
{
    public static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>A small JSON document as bytes (documents built once, or too small to stream).</summary>
    public static byte[] ToBytes(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            write(writer);
        }

        return buffer.ToArray();
    }
}
