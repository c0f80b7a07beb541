using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;
using Registry.Gateway.Http;
using Registry.Hosting.Configuration;

namespace Registry.Gateway.Hosting;

/// <summary>
/// Kestrel's limits, from Registry:Limits (validated at startup by LimitsOptionsValidator) and from what the
/// endpoints accept. Applied after Kestrel's own "Kestrel" section, so these win. Why each value:
/// docs/operations.md, "HTTP limits".
/// </summary>
internal static class KestrelLimitsHosting
{
    public static void AddRegistryKestrelLimits(this WebApplicationBuilder builder) =>
        builder.Services.AddOptions<KestrelServerOptions>().Configure<IOptions<RegistryOptions>>((kestrel, registry) => Apply(kestrel.Limits, registry.Value.Limits));

    private static void Apply(KestrelServerLimits limits, RegistryLimitsOptions settings)
    {
        limits.MaxConcurrentConnections = settings.MaxConcurrentConnections;

        // No endpoint upgrades a connection (no WebSockets): none is let through.
        limits.MaxConcurrentUpgradedConnections = 0;

        // The largest body an endpoint reads; each endpoint still applies its own, smaller cap (RequestBody).
        limits.MaxRequestBodySize = RequestBody.LargestBodyBytes;
        limits.MaxRequestHeaderCount = settings.MaxRequestHeaderCount;
        limits.MaxRequestHeadersTotalSize = settings.MaxRequestHeadersTotalBytes;
        limits.MaxRequestLineSize = settings.MaxRequestLineBytes;

        // What Kestrel buffers per connection before it stops reading from the socket (default 1 MiB).
        limits.MaxRequestBufferSize = Math.Max(RequestBody.LargestBodyBytes, settings.MaxRequestLineBytes + settings.MaxRequestHeadersTotalBytes);
        limits.RequestHeadersTimeout = TimeSpan.FromSeconds(settings.RequestHeadersTimeoutSeconds);
        limits.KeepAliveTimeout = TimeSpan.FromSeconds(settings.KeepAliveTimeoutSeconds);
        limits.MinRequestBodyDataRate = new MinDataRate(settings.MinRequestBodyBytesPerSecond, TimeSpan.FromSeconds(settings.MinRequestBodyGraceSeconds));
        limits.MinResponseDataRate = new MinDataRate(settings.MinResponseBytesPerSecond, TimeSpan.FromSeconds(settings.MinResponseGraceSeconds));

        var http2 = limits.Http2;
        http2.MaxStreamsPerConnection = settings.Http2MaxStreamsPerConnection;
        http2.MaxRequestHeaderFieldSize = settings.MaxRequestHeadersTotalBytes;

        // Flow control: a whole request body fits in a stream's window, and one connection cannot make the
        // server buffer much more than a few of them (Kestrel's defaults are 768 KiB and 1 MiB).
        http2.InitialStreamWindowSize = 96 * 1024;
        http2.InitialConnectionWindowSize = 256 * 1024;
    }
}
