using System.Globalization;
using Microsoft.Extensions.Options;
using Registry.Hosting.Configuration;
using Registry.Hosting.Management;

namespace Registry.Gateway.Admin;

/// <summary>
/// Where the admin API answers. Without Registry:Admin:Urls: on every listener. With it: the gateway listens on
/// those URLs as well, and the admin paths answer only on connections that arrived at one of their ports — the
/// connection's local port, which a caller cannot forge (a Host header can be).
/// </summary>
internal sealed class AdminListener
{
    private readonly HashSet<int>? _ports;

    public AdminListener(IOptions<RegistryOptions> options)
    {
        _ports = options.Value.Admin.Urls is { } urls && TryParsePorts(urls, out var ports) ? ports : null;
    }

    /// <summary>True when the admin API has a listener of its own.</summary>
    public bool IsSeparate => _ports is not null;

    /// <summary>Whether this connection may reach the admin API.</summary>
    public bool Admits(HttpContext http) => _ports is null || _ports.Contains(http.Connection.LocalPort);

    /// <summary>Adds the admin URLs to the URLs the server listens on (the public ones: --urls, ASPNETCORE_URLS, or Kestrel's default).</summary>
    public static void AddUrls(WebApplicationBuilder builder)
    {
        if (builder.Configuration[$"{RegistryOptions.Section}:Admin:Urls"] is not { Length: > 0 } admin)
        {
            return;
        }

        builder.WebHost.UseUrls([.. ListenerUrls.Public(builder.Configuration, "http://localhost:5000"), .. ListenerUrls.Split(admin)]);
    }

    /// <summary>The ports of ';'-separated listener URLs ("http://127.0.0.1:5001", "http://+:5001"); false when one has none.</summary>
    public static bool TryParsePorts(string urls, out HashSet<int> ports)
    {
        ports = [];
        foreach (var url in ListenerUrls.Split(urls))
        {
            var scheme = url.IndexOf("://", StringComparison.Ordinal);
            if (scheme <= 0 || url[..scheme] is not ("http" or "https"))
            {
                return false;
            }

            var rest = url[(scheme + 3)..].TrimEnd('/');
            var colon = rest.LastIndexOf(':');
            if (colon <= 0 || rest.Contains('/', StringComparison.Ordinal)
                || !int.TryParse(rest[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
            {
                return false;
            }

            ports.Add(port);
        }

        return ports.Count > 0;
    }
}
