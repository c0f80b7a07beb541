using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Registry.Gateway.Tenancy;
using Registry.Grains.Abstractions;
using Registry.Hosting.Configuration;

namespace Registry.Gateway.Authorization;

/// <summary>
/// The tenants' upstream OpenID Providers, one <see cref="UpstreamProvider"/> each, created on first use: a configured
/// tenant's from "Registry:Tenants:{t}:Upstream", a runtime tenant's from its snapshot (set through the admin API;
/// a changed definition gets a new provider). Outside Development the provider must be reached over https.
/// </summary>
internal sealed class Upstreams(IOptions<RegistryOptions> options, IHttpClientFactory clients, IHostEnvironment environment, TimeProvider time)
{
    public const string HttpClientName = "upstream";

    private readonly ConcurrentDictionary<string, UpstreamProvider?> _configured = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (UpstreamDefinition Definition, UpstreamProvider Provider)> _runtime = new(StringComparer.Ordinal);

    public UpstreamProvider? Find(TenantContext tenant)
    {
        var configured = _configured.GetOrAdd(tenant.Name, name =>
            options.Value.Tenants.TryGetValue(name, out var settings) && settings.Upstream.IsConfigured ? Create(settings.Upstream) : null);
        if (configured is not null || tenant.Tenant.Upstream is not { } definition)
        {
            return configured;
        }

        if (_runtime.TryGetValue(tenant.Name, out var cached) && Same(cached.Definition, definition))
        {
            return cached.Provider;
        }

        var provider = Create(new UpstreamOptions
        {
            Issuer = definition.Issuer,
            ClientId = definition.ClientId,
            ClientSecret = definition.ClientSecret,
            Scopes = definition.Scopes,
        });
        _runtime[tenant.Name] = (definition, provider);
        return provider;
    }

    private static bool Same(UpstreamDefinition a, UpstreamDefinition b) =>
        ReferenceEquals(a, b) || (a.SameClient(b) && a.ClientSecret == b.ClientSecret && a.Scopes.SequenceEqual(b.Scopes, StringComparer.Ordinal));

    private UpstreamProvider Create(UpstreamOptions upstream) =>
        new(upstream, clients.CreateClient(HttpClientName), !environment.IsDevelopment(), time);
}
