namespace Registry.Gateway.Telemetry;

/// <summary>
/// The caller's W3C trace id (traceparent "00-{32 hex}-{16 hex}-{2 hex}"), for the audit log when this
/// process records no span of its own; it lets an operator still join the event to the caller's trace.
/// </summary>
internal static class TraceParent
{
    public static string? TraceId(HttpRequest request)
    {
        var header = request.Headers.TraceParent.ToString();
        if (header.Length != 55 || header[2] != '-' || header[35] != '-')
        {
            return null;
        }

        var id = header.AsSpan(3, 32);
        return id.ContainsAnyExcept(LowerHex) ? null : id.ToString();
    }

    private static readonly System.Buffers.SearchValues<char> LowerHex = System.Buffers.SearchValues.Create("0123456789abcdef");
}
