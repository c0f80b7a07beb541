using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Registry.Hosting.Configuration;

namespace Registry.Gateway.Hosting;

/// <summary>
/// Behind a reverse proxy: take scheme, host and client address from X-Forwarded-* headers, but only from
/// proxies the operator listed (loopback when none are). ASP.NET's own ASPNETCORE_FORWARDEDHEADERS_ENABLED
/// covers For and Proto only; the issuer also needs Host.
/// </summary>
internal static class ForwardedHeadersHosting
{
    public static bool AddRegistryForwardedHeaders(this WebApplicationBuilder builder)
    {
        var settings = builder.Configuration.GetSection(RegistryOptions.Section + ":ForwardedHeaders").Get<RegistryForwardedHeadersOptions>() ?? new();
        if (!settings.Enabled)
        {
            return false;
        }

        builder.Services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
            foreach (var proxy in settings.KnownProxies)
            {
                options.KnownProxies.Add(IPAddress.Parse(proxy));
            }

            foreach (var network in settings.KnownNetworks)
            {
                options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }
        });
        return true;
    }
}
