using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Registry.Hosting.Configuration;

namespace Registry.Gateway.Authorization;

/// <summary>
/// The upstream OpenID Providers of the configured tenants ("Registry:Tenants:{t}:Upstream"), one
/// <see cref="UpstreamProvider"/> each, created on first use. Tenants created through the admin API have none yet.
/// Outside Development the provider must be reached over https.
/// </summary>
internal sealed class Upstreams(IOptions<RegistryOptions> options, IHttpClientFactory clients, IHostEnvironment environment, TimeProvider time)
{
    public const string HttpClientName = "upstream";

    private readonly ConcurrentDictionary<string, UpstreamProvider?> _providers = new(StringComparer.Ordinal);

    public UpstreamProvider? Find(string tenant) => _providers.GetOrAdd(tenant, name =>
        options.Value.Tenants.TryGetValue(name, out var settings) && settings.Upstream.IsConfigured
            ? new UpstreamProvider(settings.Upstream, clients.CreateClient(HttpClientName), !environment.IsDevelopment(), time)
            : null);
}
