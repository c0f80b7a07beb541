using Microsoft.AspNetCore.Http.HttpResults;
using Registry.Gateway.Http;
using Registry.Gateway.Tenancy;
using Registry.Grains.Abstractions;
using Registry.Protocol.Errors;
using Registry.Protocol.Tenancy;

namespace Registry.Gateway.Admin;

/// <summary>
/// /admin/tenants: create, list, read, replace and delete tenants at runtime. Tenants live in grain storage;
/// tenants named in configuration are listed and read here but changed only in configuration (409).
/// </summary>
internal static class TenantAdminEndpoints
{
    private const int DefaultLimit = 50;
    private const int MaxLimit = 200;

    public static void Map(RouteGroupBuilder admin)
    {
        admin.MapPost("/tenants", Create).DisableAntiforgery().WithMetadata(new AdminOperation(AdminOperation.TenantCreate))
            .WithSummary("Create a tenant").WithMetadata(new DocumentedBody(typeof(TenantRequest), RequestBody.Json)).Produces<TenantResponse>(StatusCodes.Status201Created);
        admin.MapGet("/tenants", List).WithMetadata(new AdminOperation(AdminOperation.TenantList))
            .WithSummary("List tenants (by name, paged)").Produces<TenantList>();
        admin.MapGet("/tenants/{tenant}", Read).WithMetadata(new AdminOperation(AdminOperation.TenantRead))
            .WithSummary("Read a tenant").Produces<TenantResponse>();
        admin.MapPut("/tenants/{tenant}", Replace).DisableAntiforgery().WithMetadata(new AdminOperation(AdminOperation.TenantUpdate))
            .WithSummary("Replace a tenant's settings (admin_client_secret omitted: kept)").WithMetadata(new DocumentedBody(typeof(TenantRequest), RequestBody.Json)).Produces<TenantResponse>();
        admin.MapDelete("/tenants/{tenant}", Delete).WithMetadata(new AdminOperation(AdminOperation.TenantDelete))
            .WithSummary("Delete a tenant (its clients stop working at once)").Produces(StatusCodes.Status204NoContent);
    }

    private static async Task<Results<Created<TenantResponse>, OAuthErrorResult>> Create(HttpContext http, IGrainFactory grains, GrainCalls calls, IssuerResolver issuers, TenantCatalog catalog)
    {
        var request = await AdminJson.ReadAsync<TenantRequest>(http.Request);
        if (!request.IsSuccess)
        {
            return Error(request.Error);
        }

        if (request.Value.Name is not { } name || !TenantNames.IsValid(name))
        {
            return Error(AdminJson.Invalid("name must be a DNS label: 1-63 lowercase letters, digits and inner hyphens"));
        }

        var definition = TenantDefinitions.From(request.Value, replacing: false);
        if (!definition.IsSuccess)
        {
            return Error(definition.Error);
        }

        var tenant = grains.GetGrain<ITenantGrain>(name);
        var status = await calls.RetryAsync((tenant, definition.Value.Definition), c => c.tenant.Create(c.Definition), http.RequestAborted);
        if (Refusal(status, name) is { } refused)
        {
            return Error(refused);
        }

        catalog.Invalidate(name);
        // Deleted again by a concurrent call: answered as not found rather than with a tenant that is gone.
        if (await calls.RetryAsync(tenant, t => t.Describe(), http.RequestAborted) is not { } created)
        {
            return Error(NotFound(name));
        }

        var response = TenantDefinitions.ToResponse(created, issuers.Resolve(http.Request, name)) with { AdminClientSecret = definition.Value.NewSecret };
        return TypedResults.Created($"{http.Request.PathBase}/admin/tenants/{name}", response);
    }

    private static async Task<Results<Ok<TenantList>, OAuthErrorResult>> List(HttpContext http, IGrainFactory grains, GrainCalls calls, IssuerResolver issuers, string? limit, string? cursor)
    {
        if (!AdminQuery.TryLimit(limit, DefaultLimit, MaxLimit, out var pageSize) || (cursor is not null && !TenantNames.IsValid(cursor)))
        {
            return Error(OAuthError.InvalidRequest(ErrorIds.AdminParameterInvalid, $"limit must be between 1 and {MaxLimit}; cursor must be a next_cursor answered before"));
        }

        var page = await calls.RetryAsync((Index: grains.GetGrain<ITenantIndexGrain>(ITenantIndexGrain.Key), cursor, Limit: pageSize),
            c => c.Index.List(c.cursor, c.Limit), http.RequestAborted);
        var tenants = new List<TenantResponse>(page.Tenants.Length);
        foreach (var name in page.Tenants)
        {
            if (await calls.RetryAsync(grains.GetGrain<ITenantGrain>(name.Name), t => t.Describe(), http.RequestAborted) is { } tenant)
            {
                tenants.Add(TenantDefinitions.ToResponse(tenant, issuers.Resolve(http.Request, tenant.Name)));
            }
        }

        return TypedResults.Ok(new TenantList(tenants, page.More && page.Tenants.Length > 0 ? page.Tenants[^1].Name : null));
    }

    private static async Task<Results<Ok<TenantResponse>, OAuthErrorResult>> Read(HttpContext http, string tenant, IGrainFactory grains, GrainCalls calls, IssuerResolver issuers)
    {
        var found = TenantNames.IsValid(tenant) ? await calls.RetryAsync(grains.GetGrain<ITenantGrain>(tenant), t => t.Describe(), http.RequestAborted) : null;
        return found is null ? Error(NotFound(tenant)) : TypedResults.Ok(TenantDefinitions.ToResponse(found, issuers.Resolve(http.Request, tenant)));
    }

    private static async Task<Results<Ok<TenantResponse>, OAuthErrorResult>> Replace(HttpContext http, string tenant, IGrainFactory grains, GrainCalls calls, IssuerResolver issuers, TenantCatalog catalog)
    {
        if (!TenantNames.IsValid(tenant))
        {
            return Error(NotFound(tenant));
        }

        var request = await AdminJson.ReadAsync<TenantRequest>(http.Request);
        if (!request.IsSuccess)
        {
            return Error(request.Error);
        }

        if (request.Value.Name is { } renamed && renamed != tenant)
        {
            return Error(AdminJson.Invalid("name cannot change (it is the tenant's path and issuer)"));
        }

        var definition = TenantDefinitions.From(request.Value, replacing: true);
        if (!definition.IsSuccess)
        {
            return Error(definition.Error);
        }

        var grain = grains.GetGrain<ITenantGrain>(tenant);
        if (definition.Value.Definition.Upstream is { ClientSecret.Length: 0 } kept
            && !kept.SameClient((await calls.RetryAsync(grain, t => t.Describe(), http.RequestAborted))?.Upstream))
        {
            return Error(AdminJson.Invalid("upstream.client_secret is required: the tenant has no stored upstream of this issuer and client_id to keep it from"));
        }

        var status = await calls.RetryAsync((grain, definition.Value.Definition), c => c.grain.Update(c.Definition), http.RequestAborted);
        if (Refusal(status, tenant) is { } refused)
        {
            return Error(refused);
        }

        catalog.Invalidate(tenant);
        var updated = await calls.RetryAsync(grain, t => t.Describe(), http.RequestAborted);
        return updated is null ? Error(NotFound(tenant)) : TypedResults.Ok(TenantDefinitions.ToResponse(updated, issuers.Resolve(http.Request, tenant)));
    }

    private static async Task<Results<NoContent, OAuthErrorResult>> Delete(HttpContext http, string tenant, IGrainFactory grains, GrainCalls calls, TenantCatalog catalog)
    {
        if (!TenantNames.IsValid(tenant))
        {
            return Error(NotFound(tenant));
        }

        var status = await calls.RetryAsync(grains.GetGrain<ITenantGrain>(tenant), t => t.Delete(), http.RequestAborted);
        if (Refusal(status, tenant) is { } refused)
        {
            return Error(refused);
        }

        catalog.Invalidate(tenant);
        return TypedResults.NoContent();
    }

    public static OAuthError NotFound(string tenant) =>
        OAuthError.InvalidRequest(ErrorIds.AdminTenantNotFound, $"there is no tenant named '{(TenantNames.IsValid(tenant) ? tenant : "?")}'");

    private static OAuthError? Refusal(TenantChangeStatus status, string tenant) => status switch
    {
        TenantChangeStatus.Ok => null,
        TenantChangeStatus.Exists => OAuthError.InvalidRequest(ErrorIds.AdminTenantExists, $"a tenant named '{tenant}' exists"),
        TenantChangeStatus.LimitReached => OAuthError.InvalidRequest(ErrorIds.AdminTenantLimit,
            $"the deployment holds its maximum number of runtime tenants ({ITenantIndexGrain.MaxRuntimeTenants}); delete one first"),
        TenantChangeStatus.Configured => OAuthError.InvalidRequest(ErrorIds.AdminTenantConfigured,
            $"the tenant '{tenant}' is defined in configuration (Registry:Tenants:{tenant}); change it there"),
        _ => NotFound(tenant),
    };

    private static OAuthErrorResult Error(OAuthError error) => new(error, EndpointKind.Admin);
}
