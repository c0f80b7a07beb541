namespace Registry.Hosting.Configuration;

/// <summary>
/// "Registry:Limits": what one HTTP connection and one request may cost the gateway (Kestrel's limits), set
/// for a server exposed to the internet. Every default and the reason for it: docs/operations.md, "HTTP limits".
/// </summary>
public sealed class RegistryLimitsOptions
{
    public const string Section = RegistryOptions.Section + ":Limits";

    /// <summary>Open connections per gateway process; one more is accepted and closed at once.</summary>
    public int MaxConcurrentConnections { get; set; } = 1000;

    /// <summary>Headers in one request (more: 431).</summary>
    public int MaxRequestHeaderCount { get; set; } = 64;

    /// <summary>All of one request's header names and values together, in bytes (more: 431).</summary>
    public int MaxRequestHeadersTotalBytes { get; set; } = 16 * 1024;

    /// <summary>The request line (method, path and query, version), in bytes (more: 414).</summary>
    public int MaxRequestLineBytes { get; set; } = 4 * 1024;

    /// <summary>Time to receive a request's headers from its first byte (more: 408 and the connection closes).</summary>
    public int RequestHeadersTimeoutSeconds { get; set; } = 10;

    /// <summary>An idle keep-alive connection is closed after this long.</summary>
    public int KeepAliveTimeoutSeconds { get; set; } = 65;

    /// <summary>A request body must arrive at least this fast once its grace period is over (slower: 408 and the connection closes).</summary>
    public int MinRequestBodyBytesPerSecond { get; set; } = 240;

    public int MinRequestBodyGraceSeconds { get; set; } = 5;

    /// <summary>A client must read the response at least this fast once its grace period is over (slower: the connection is aborted).</summary>
    public int MinResponseBytesPerSecond { get; set; } = 240;

    public int MinResponseGraceSeconds { get; set; } = 5;

    /// <summary>Concurrent requests (streams) on one HTTP/2 connection (HTTP/2 is negotiated on TLS endpoints).</summary>
    public int Http2MaxStreamsPerConnection { get; set; } = 32;
}
