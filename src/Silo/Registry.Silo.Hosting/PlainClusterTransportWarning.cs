using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Registry.Silo.Hosting;

/// <summary>Says at startup that a networked cluster's transport is neither encrypted nor authenticated (Registry:Cluster:Tls:Enabled is not true).</summary>
internal sealed partial class PlainClusterTransportWarning(ILogger<PlainClusterTransportWarning> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        LogPlain(logger);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message =
        "The cluster transport is PLAIN TCP WITHOUT AUTHENTICATION: anything that reaches a silo or Orleans gateway port can join " +
        "as a client and read tenants' signing keys. Set Registry:Cluster:Tls:Enabled=true with certificates (see docs/operations.md, Cluster TLS).")]
    private static partial void LogPlain(ILogger logger);
}
