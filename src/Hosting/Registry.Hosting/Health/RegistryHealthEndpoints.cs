using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Registry.Hosting.Health;

/// <summary>
/// The health endpoints of every Registry process (gateway and silo): /healthz/live (the process answers: no
/// check runs) and /healthz/ready (the checks tagged "ready"). Both answer
/// <c>{"status":"Healthy|Degraded|Unhealthy","version":"0.2.0-alpha.0.12"}</c> (ready adds
/// <c>"checks":{"name":"status"}</c>) with 200, or 503 when Unhealthy; the version is <see cref="RegistryVersion.Current"/>.
/// </summary>
public static class RegistryHealthEndpoints
{
    public const string LivePath = "/healthz/live";

    public const string ReadyPath = "/healthz/ready";

    public const string ReadyTag = "ready";

    /// <summary>Maps both endpoints; conventions added to the result (e.g. RequireHost) apply to both.</summary>
    public static IEndpointConventionBuilder MapRegistryHealth(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var live = endpoints.MapHealthChecks(LivePath, new HealthCheckOptions { Predicate = static _ => false, ResponseWriter = WriteLiveAsync });
        var ready = endpoints.MapHealthChecks(ReadyPath, new HealthCheckOptions { Predicate = static check => check.Tags.Contains(ReadyTag), ResponseWriter = WriteReadyAsync });
        return new BothEndpoints(live, ready);
    }

    private static Task WriteLiveAsync(HttpContext http, HealthReport report) => WriteAsync(http, report, checks: false);

    private static Task WriteReadyAsync(HttpContext http, HealthReport report) => WriteAsync(http, report, checks: true);

    private static async Task WriteAsync(HttpContext http, HealthReport report, bool checks)
    {
        http.Response.ContentType = "application/json";
        await using var json = new Utf8JsonWriter(http.Response.BodyWriter);
        json.WriteStartObject();
        json.WriteString("status", report.Status.ToString());
        json.WriteString("version", RegistryVersion.Current);
        if (checks)
        {
            json.WriteStartObject("checks");
            foreach (var (name, entry) in report.Entries)
            {
                json.WriteString(name, entry.Status.ToString());
            }

            json.WriteEndObject();
        }

        json.WriteEndObject();
        await json.FlushAsync(http.RequestAborted);
    }

    private sealed class BothEndpoints(IEndpointConventionBuilder live, IEndpointConventionBuilder ready) : IEndpointConventionBuilder
    {
        public void Add(Action<EndpointBuilder> convention)
        {
            live.Add(convention);
            ready.Add(convention);
        }

        public void Finally(Action<EndpointBuilder> finallyConvention)
        {
            live.Finally(finallyConvention);
            ready.Finally(finallyConvention);
        }
    }
}
