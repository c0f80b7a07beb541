using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace Registry.Gateway.Tests.Infrastructure;

/// <summary>
/// HTTP/1.1 over a bare TCP connection, byte by byte under the test's control: for what HttpClient will not
/// do (dribble a body, flood headers, hold connections open), with a deadline on every read.
/// </summary>
public static class RawHttp
{
    /// <summary>A parsed response: status code, header block and body (chunked bodies decoded).</summary>
    public sealed record Response(int Status, string Headers, string Body)
    {
        public override string ToString() => $"{Status} {Body}";
    }

    public static async Task<TcpClient> ConnectAsync(int port)
    {
        var client = new TcpClient { NoDelay = true };
        await client.ConnectAsync("127.0.0.1", port);
        return client;
    }

    public static byte[] Request(string method, string target, string extraHeaders = "", string? body = null)
    {
        var head = $"{method} {target} HTTP/1.1\r\nHost: 127.0.0.1\r\n{extraHeaders}";
        head += body is null ? "\r\n" : $"Content-Length: {Encoding.UTF8.GetByteCount(body)}\r\n\r\n{body}";
        return Encoding.Latin1.GetBytes(head);
    }

    /// <summary>One request on a new connection that the server is asked to close after answering.</summary>
    public static async Task<Response> SendAsync(int port, byte[] request, TimeSpan deadline)
    {
        using var client = await ConnectAsync(port);
        var stream = client.GetStream();
        await stream.WriteAsync(request);
        return await ReadAsync(stream, deadline);
    }

    public static Task<Response> GetAsync(int port, string path, TimeSpan deadline) =>
        SendAsync(port, Request("GET", path, "Connection: close\r\n"), deadline);

    /// <summary>Reads one response: the header block, then the body by Content-Length, chunked framing or the connection's end.</summary>
    public static async Task<Response> ReadAsync(Stream stream, TimeSpan deadline)
    {
        using var timeout = new CancellationTokenSource(deadline);
        var received = new List<byte>();
        var buffer = new byte[16 * 1024];
        int headerEnd;
        while ((headerEnd = IndexOf(received, "\r\n\r\n"u8)) < 0)
        {
            if (!await ReadMoreAsync(stream, buffer, received, timeout.Token))
            {
                throw new IOException($"the connection closed before a complete response; received: {Encoding.Latin1.GetString([.. received])}");
            }
        }

        var headers = Encoding.Latin1.GetString([.. received], 0, headerEnd);
        var status = int.Parse(headers.Split(' ', 3)[1], CultureInfo.InvariantCulture);
        var bodyStart = headerEnd + 4;
        var contentLength = Header(headers, "Content-Length");
        var chunked = Header(headers, "Transfer-Encoding")?.Contains("chunked", StringComparison.OrdinalIgnoreCase) == true;
        bool Complete() => contentLength is { } length
            ? received.Count - bodyStart >= int.Parse(length, CultureInfo.InvariantCulture)
            : chunked && IndexOf(received, "\r\n0\r\n\r\n"u8, bodyStart - 2) >= 0;
        while (!Complete())
        {
            if (!await ReadMoreAsync(stream, buffer, received, timeout.Token))
            {
                break;
            }
        }

        // Latin-1: one char per byte, so chunk sizes count characters (the server's answers here are ASCII).
        var body = Encoding.Latin1.GetString([.. received], bodyStart, received.Count - bodyStart);
        return new Response(status, headers, chunked ? Unchunk(body) : body);
    }

    /// <summary>
    /// Whether the server closes the connection (an end of stream or a reset) within <paramref name="within"/>;
    /// false when it is still open then. Bytes that arrive meanwhile are read and ignored.
    /// </summary>
    public static async Task<bool> ClosedByServerAsync(Stream stream, TimeSpan within)
    {
        using var timeout = new CancellationTokenSource(within);
        var buffer = new byte[4096];
        try
        {
            while (await stream.ReadAsync(buffer, timeout.Token) > 0)
            {
            }

            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
        catch (IOException)
        {
            return true;
        }
    }

    private static async Task<bool> ReadMoreAsync(Stream stream, byte[] buffer, List<byte> received, CancellationToken cancellation)
    {
        int read;
        try
        {
            read = await stream.ReadAsync(buffer, cancellation);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"no complete response before the deadline; received: {Encoding.Latin1.GetString([.. received])}");
        }

        received.AddRange(buffer.AsSpan(0, read));
        return read > 0;
    }

    private static string? Header(string headers, string name) =>
        headers.Split("\r\n").Skip(1).Select(line => line.Split(':', 2))
            .Where(parts => parts.Length == 2 && parts[0].Equals(name, StringComparison.OrdinalIgnoreCase))
            .Select(parts => parts[1].Trim()).FirstOrDefault();

    private static string Unchunk(string body)
    {
        var text = new StringBuilder();
        var position = 0;
        while (position < body.Length)
        {
            var lineEnd = body.IndexOf("\r\n", position, StringComparison.Ordinal);
            var size = lineEnd < 0 ? 0 : int.Parse(body[position..lineEnd], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            if (size == 0)
            {
                break;
            }

            text.Append(body, lineEnd + 2, size);
            position = lineEnd + 2 + size + 2;
        }

        return text.ToString();
    }

    private static int IndexOf(List<byte> bytes, ReadOnlySpan<byte> value, int start = 0)
    {
        start = Math.Max(0, start);
        var index = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(bytes)[start..].IndexOf(value);
        return index < 0 ? -1 : start + index;
    }
}
