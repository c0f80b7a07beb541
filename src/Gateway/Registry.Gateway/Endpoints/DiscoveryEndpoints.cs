using System.Text.Json;
using Registry.Gateway.Authorization;
using Registry.Gateway.Http;
using Registry.Gateway.Telemetry;
using Registry.Gateway.Tenancy;
using Registry.Protocol.Discovery;

namespace Registry.Gateway.Endpoints;

/// <summary>Server metadata (RFC 8414, OpenID Connect Discovery 1.0 §4) and the JWK Set (RFC 7517 §5).</summary>
internal static class DiscoveryEndpoints
{
    public const string OpenIdConfiguration = "/.well-known/openid-configuration";
    public const string OAuthServerMetadata = "/.well-known/oauth-authorization-server";

    /// <summary>Endpoints relative to a tenant's issuer.</summary>
    public static void Map(RouteGroupBuilder tenant)
    {
        tenant.MapGet(OpenIdConfiguration, Metadata).WithMetadata(MetadataEndpoint).WithSummary("OpenID Connect Discovery 1.0 metadata").Produces(StatusCodes.Status200OK, contentType: RequestBody.Json);
        tenant.MapGet(OAuthServerMetadata, Metadata).WithMetadata(MetadataEndpoint).WithSummary("RFC 8414 authorization server metadata").Produces(StatusCodes.Status200OK, contentType: RequestBody.Json);
        tenant.MapGet("/jwks", Jwks).WithMetadata(new ObservedEndpoint(ObservedEndpoint.Jwks)).WithSummary("The tenant's JWK Set (RFC 7517)").Produces(StatusCodes.Status200OK, contentType: "application/json");
    }

    /// <summary>
    /// RFC 8414 §3.1: for an issuer with a path, the well-known segment goes between host and path
    /// ("/.well-known/oauth-authorization-server/tenants/t"); RFC 8414 §5 notes the same form for
    /// openid-configuration.
    /// </summary>
    public static void MapPathInserted(IEndpointRouteBuilder app)
    {
        foreach (var path in new[] { OAuthServerMetadata, OpenIdConfiguration })
        {
            app.MapGet(path + "/tenants/{tenant}", Metadata)
                .WithMetadata(MetadataEndpoint)
                .AddEndpointFilter<ObservationFilter>()
                .AddEndpointFilter<TenantFilter>();
        }
    }

    private static readonly ObservedEndpoint MetadataEndpoint = new(ObservedEndpoint.Metadata);

    private static JsonBytesResult Metadata(HttpContext http, DiscoveryCaching caching, Upstreams upstreams)
    {
        var tenant = http.Tenant();
        var signsInUsers = upstreams.Find(tenant) is not null;
        var document = JsonWriting.ToBytes(w => ServerMetadata.Write(w, tenant.Issuer, tenant.Tenant.Policy, tenant.Tenant.SigningAlgorithms, signsInUsers));
        return new JsonBytesResult(document, caching.CacheControl, caching.Vary);
    }

    private static JsonBytesResult Jwks(HttpContext http, DiscoveryCaching caching) => new(http.Tenant().Tenant.Jwks, caching.CacheControl, caching.Vary);
}
