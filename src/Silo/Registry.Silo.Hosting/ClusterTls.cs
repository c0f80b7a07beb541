using Microsoft.Extensions.DependencyInjection;
using Orleans.Connections.Security;
using Registry.Hosting.Configuration;

namespace Registry.Silo.Hosting;

/// <summary>
/// Orleans' TLS options for Registry's cluster transport: this process's certificate, a certificate required from
/// every peer in both directions, and the peer's chain checked against the configured authorities only.
/// </summary>
internal static class ClusterTls
{
    /// <summary>
    /// The credentials of Registry:Cluster:Tls, loaded and registered for as long as the silo or client lives (Orleans
    /// keeps the certificate in its connection middleware); null without TLS.
    /// </summary>
    public static ClusterTlsCredentials? AddCredentials(IServiceCollection services, RegistryClusterOptions options)
    {
        AddPlainTransportWarning(services, options);
        if (!options.Tls.IsEnabled)
        {
            return null;
        }

        var credentials = RegistryClusterConfiguration.LoadTls(options);
        services.AddSingleton(credentials);
        return credentials;
    }

    /// <summary>A networked cluster (Redis clustering) without TLS says so at startup.</summary>
    public static void AddPlainTransportWarning(IServiceCollection services, RegistryClusterOptions options)
    {
        if (options.Clustering == ClusteringKind.Redis && !options.Tls.IsEnabled)
        {
            services.AddHostedService<PlainClusterTransportWarning>();
        }
    }

    public static void Configure(TlsOptions tls, ClusterTlsCredentials credentials)
    {
        tls.LocalCertificate = credentials.Certificate;

        // Inbound (silo and gateway ports): the connecting side must present a certificate.
        tls.RemoteCertificateMode = RemoteCertificateMode.RequireCertificate;

        // Outbound (a silo to another silo, a client to a silo's gateway port): always present ours.
        tls.ClientCertificateMode = RemoteCertificateMode.RequireCertificate;

        // Replaces the system-store check: custom root trust, host name not checked (see ValidatePeer).
        tls.RemoteCertificateValidation = credentials.ValidatePeer;
        tls.SslProtocols = System.Security.Authentication.SslProtocols.Tls13 | System.Security.Authentication.SslProtocols.Tls12;
    }
}
