using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;

namespace Registry.Hosting.Management;

/// <summary>The URLs a process's public HTTP listener is configured with, for the extra listeners (admin, management) added next to them.</summary>
public static class ListenerUrls
{
    /// <summary>
    /// --urls / ASPNETCORE_URLS (including any listener added to them before), else ASPNETCORE_HTTP_PORTS and
    /// ASPNETCORE_HTTPS_PORTS (what container images set), else <paramref name="defaults"/>.
    /// </summary>
    public static string[] Public(IConfiguration configuration, params string[] defaults)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (configuration[WebHostDefaults.ServerUrlsKey] is { Length: > 0 } urls)
        {
            return Split(urls);
        }

        string[] ports = [.. Split(configuration[WebHostDefaults.HttpPortsKey] ?? "").Select(p => $"http://*:{p}"),
            .. Split(configuration[WebHostDefaults.HttpsPortsKey] ?? "").Select(p => $"https://*:{p}")];
        return ports.Length > 0 ? ports : defaults;
    }

    /// <summary>The URLs of a ';'-separated list.</summary>
    public static string[] Split(string urls)
    {
        ArgumentNullException.ThrowIfNull(urls);
        return urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }
}
