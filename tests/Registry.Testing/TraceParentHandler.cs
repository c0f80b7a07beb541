using System.Security.Cryptography;

namespace Registry.Testing;

/// <summary>
/// Gives every request a fresh W3C traceparent, as a traced caller would, and keeps its trace id on the
/// request, so a test can find what the server recorded for exactly that request (its audit event and span).
/// </summary>
public sealed class TraceParentHandler : DelegatingHandler
{
    public TraceParentHandler()
        : this(new SocketsHttpHandler())
    {
    }

    /// <summary>Over <paramref name="inner"/>: e.g. a handler with a cookie container that does not follow redirects.</summary>
    public TraceParentHandler(HttpMessageHandler inner)
        : base(inner)
    {
    }

    private static readonly HttpRequestOptionsKey<string> TraceIdKey = new("registry.trace_id");

    /// <summary>The trace id this handler sent with the request that produced <paramref name="response"/>.</summary>
    public static string TraceIdOf(HttpResponseMessage response) =>
        response.RequestMessage is { } request && request.Options.TryGetValue(TraceIdKey, out var traceId)
            ? traceId
            : throw new InvalidOperationException("the request was not sent through a TraceParentHandler");

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var traceId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        request.Headers.Remove("traceparent");
        request.Headers.TryAddWithoutValidation("traceparent", $"00-{traceId}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8))}-01");
        request.Options.Set(TraceIdKey, traceId);
        return base.SendAsync(request, cancellationToken);
    }
}
