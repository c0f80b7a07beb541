using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Registry.Hosting.Configuration;

namespace Registry.Hosting.Management;

/// <summary>
/// The management port (<see cref="RegistryManagementOptions"/>), shared by the gateway and the silo: the extra
/// listener, and the endpoints that answer only there. Which listener a request came through is read from the
/// connection's local port (as the admin listener does), never from the Host header, which a caller chooses.
/// </summary>
public static class ManagementListener
{
    private const string PortKey = RegistryManagementOptions.Section + ":Port";

    /// <summary>Registry:Management:Port, or null when unset; a value that is not a port 1-65535 stops startup.</summary>
    public static int? ReadPort(IConfiguration configuration)
    {
        if (configuration[PortKey] is not { Length: > 0 } value)
        {
            return null;
        }

        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is >= 1 and <= 65535
            ? port
            : throw new OptionsValidationException(PortKey, typeof(RegistryManagementOptions), [$"{PortKey} '{value}' is not a port 1-65535"]);
    }

    /// <summary>
    /// With a management port: listens on it (every address) next to the public URLs, which are --urls /
    /// ASPNETCORE_URLS (including any other listener added before this call), else ASPNETCORE_HTTP_PORTS /
    /// ASPNETCORE_HTTPS_PORTS, else <paramref name="defaultPublicUrls"/> (the gateway: Kestrel's default; the silo:
    /// none, its HTTP is only health and metrics). A public URL on the management port stops startup: the two must
    /// be told apart by port. Returns the port, or null (nothing changed).
    /// </summary>
    public static int? AddManagementListener(this WebApplicationBuilder builder, params string[] defaultPublicUrls)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (ReadPort(builder.Configuration) is not { } port)
        {
            return null;
        }

        var publicUrls = ListenerUrls.Public(builder.Configuration, defaultPublicUrls);
        if (publicUrls.Any(url => PortOf(url) == port))
        {
            throw new OptionsValidationException(PortKey, typeof(RegistryManagementOptions),
                [$"{PortKey} {port} is also the port of a public listener ({string.Join(";", publicUrls)}); give it a port of its own"]);
        }

        builder.WebHost.UseUrls([.. publicUrls, string.Create(CultureInfo.InvariantCulture, $"http://*:{port}")]);
        return port;
    }

    /// <summary>
    /// Where to map /healthz/* and /metrics. Without a management port: <paramref name="app"/> itself (they answer on
    /// the public listener, as always). With one: a group whose endpoints answer only on connections to that port,
    /// and no other endpoint answers there (404 both ways, as for a path that does not exist).
    /// </summary>
    public static IEndpointRouteBuilder MapManagement(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (ReadPort(app.Configuration) is not { } port)
        {
            return app;
        }

        app.Use((http, next) =>
        {
            var management = http.GetEndpoint()?.Metadata.GetMetadata<ManagementEndpointMetadata>() is not null;
            if (management != (http.Connection.LocalPort == port))
            {
                http.SetEndpoint(null);
            }

            return next(http);
        });
        var group = app.MapGroup("");
        group.WithMetadata(ManagementEndpointMetadata.Instance);
        return group;
    }

    /// <summary>The explicit port of a listener URL ("http://127.0.0.1:5000", "http://+:80"), or null.</summary>
    private static int? PortOf(string url)
    {
        var scheme = url.IndexOf("://", StringComparison.Ordinal);
        var authority = url[(scheme < 0 ? 0 : scheme + 3)..].Split('/')[0];
        var colon = authority.LastIndexOf(':');
        return colon >= 0 && !authority.EndsWith(']') && int.TryParse(authority[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port)
            ? port
            : null;
    }
}
