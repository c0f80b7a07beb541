using Microsoft.AspNetCore.HostFiltering;
using Microsoft.Extensions.Options;
using Registry.Gateway.Admin;
using Registry.Gateway.Authorization;
using Registry.Gateway.Configuration;
using Registry.Gateway.Endpoints;
using Registry.Gateway.Hosting;
using Registry.Gateway.Http;
using Registry.Gateway.Telemetry;
using Registry.Gateway.Tenancy;
using Registry.Gateway.Throttling;
using Registry.Gateway.Tokens;
using Registry.Grains.Abstractions;
using Registry.Hosting.Configuration;
using Registry.Hosting.Health;
using Registry.Hosting.Management;
using Registry.Hosting.Telemetry;

namespace Registry.Gateway;

/// <summary>Builds the Registry gateway application (used by Program and by the end-to-end tests).</summary>
public static class RegistryGatewayApp
{
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        // Polly logs each grain call retry at Warning: thousands of lines while a silo dies; they are counted in
        // resilience_polly_strategy_events_total instead.
        builder.Logging.AddFilter("Polly", LogLevel.Error);
        builder.Logging.AddFilter("Orleans", LogLevel.Warning);
        AuditLoggerProvider.AddTo(builder.Logging);
        builder.Services.AddRegistryGateway();
        builder.AddRegistryKestrelLimits();
        AdminListener.AddUrls(builder);

        // After the admin URLs, which it keeps; Kestrel's default is the public listener when nothing is configured.
        builder.AddManagementListener("http://localhost:5000");
        var forwarded = builder.AddRegistryForwardedHeaders();
        builder.AddRegistryCluster();

        // After the cluster's own services: it subscribes through the cluster once the host has started.
        builder.Services.AddHostedService<TenantChangeListener>();
        builder.AddRegistryTelemetry("registry-gateway");
        configure?.Invoke(builder);

        var app = builder.Build();

        // Run every ValidateOnStart check now, so a misconfiguration fails before the host starts (and logs).
        app.Services.GetService<IStartupValidator>()?.Validate();
        if (forwarded)
        {
            app.UseForwardedHeaders();
        }

        // One retry budget per request for all its grain calls (Registry:Cluster:RetryBudgetSeconds).
        var budget = app.Services.GetRequiredService<IOptions<RegistryOptions>>().Value.Cluster.EffectiveRetryBudget();
        app.Use((http, next) =>
        {
            RequestDeadline.Start(budget);
            http.Response.Headers.XContentTypeOptions = "nosniff";
            return next(http);
        });
        app.UseOAuthErrors();
        app.MapRegistry();
        app.MapRegistryAdmin();

        // Liveness: the process answers. Readiness: the cluster answers with an active silo. On the management port
        // alone when there is one (Registry:Management:Port).
        var management = app.MapManagement();
        management.MapRegistryMetrics();
        management.MapRegistryHealth();
        return app;
    }

    private static IServiceCollection AddRegistryGateway(this IServiceCollection services)
    {
        services.AddRegistryOptions();
        services.AddSingleton<IValidateOptions<RegistryOptions>, IssuerOptionsValidator>();
        services.AddSingleton<IValidateOptions<RegistryOptions>, LimitsOptionsValidator>();
        services.AddSingleton<IValidateOptions<RegistryOptions>, OperatorOptionsValidator>();
        services.AddSingleton(TimeProvider.System);
        services.AddGrainCalls();
        services.AddSingleton<TenantCatalog>();
        services.AddSingleton<IssuerResolver>();
        services.AddSingleton<DiscoveryCaching>();
        services.AddSingleton<AddressGuard>();
        services.AddSingleton<ThrottleAudit>();

        // The admin API and its description.
        services.AddSingleton<AdminListener>();
        services.AddSingleton<OperatorClient>();
        services.AddSingleton<OperatorKeys>();
        services.AddSingleton<OperatorTokens>();
        services.ConfigureHttpJsonOptions(options => AdminJson.Configure(options.SerializerOptions));
        services.AddRegistryOpenApi();
        services.AddHostedService(sp => sp.GetRequiredService<ThrottleAudit>());

        // Hosts are checked per tenant request (TenantFilter), with an OAuth error; ASP.NET's own filter would
        // answer a bare 400 to every path, probes included.
        services.PostConfigure<HostFilteringOptions>(options => options.AllowedHosts = ["*"]);
        services.AddSingleton<ITokenSigner>(sp => new GrainTokenSigner(sp.GetRequiredService<IGrainFactory>(), sp.GetRequiredService<GrainCalls>(), sp.GetService<ISiloTokenSigner>()));
        services.AddSingleton<AccessTokenIssuer>();
        services.AddSingleton<Upstreams>();
        services.AddHttpClient(Upstreams.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(10));
        services.AddSingleton<GatewayMetrics>();
        services.AddSingleton<BearerTokenValidator>();
        services.AddSingleton<AccessTokenReader>();
        return services;
    }
}
