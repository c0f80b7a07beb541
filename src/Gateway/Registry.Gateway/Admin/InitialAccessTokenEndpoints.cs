using Microsoft.AspNetCore.Http.HttpResults;
using Registry.Gateway.Http;
using Registry.Gateway.Tenancy;
using Registry.Grains.Abstractions;
using Registry.Protocol.Errors;
using Registry.Protocol.Tenancy;
using Registry.Protocol.Tokens;

namespace Registry.Gateway.Admin;

/// <summary>
/// /admin/tenants/{tenant}/initial-access-tokens (RFC 7591 §3): issue (the token shown once, stored hashed),
/// list (never the token), revoke. Uses are counted by the tenant's token grain, exactly, for the whole cluster.
/// </summary>
internal static class InitialAccessTokenEndpoints
{
    private const long MaxExpiresIn = 365L * 24 * 3600;
    private const int MaxUses = 1_000_000;

    public static void Map(RouteGroupBuilder admin)
    {
        admin.MapPost("/tenants/{tenant}/initial-access-tokens", Create).DisableAntiforgery().WithMetadata(new AdminOperation(AdminOperation.TokenCreate))
            .WithSummary("Issue an initial access token (shown once)").WithMetadata(new DocumentedBody(typeof(InitialAccessTokenRequest), RequestBody.Json))
            .Produces<InitialAccessTokenCreated>(StatusCodes.Status201Created);
        admin.MapGet("/tenants/{tenant}/initial-access-tokens", List).WithMetadata(new AdminOperation(AdminOperation.TokenList))
            .WithSummary("List a tenant's initial access tokens (never the tokens)").Produces<InitialAccessTokenList>();
        admin.MapDelete("/tenants/{tenant}/initial-access-tokens/{id}", Revoke).WithMetadata(new AdminOperation(AdminOperation.TokenRevoke))
            .WithSummary("Revoke an initial access token").Produces(StatusCodes.Status204NoContent);
    }

    private static async Task<Results<Created<InitialAccessTokenCreated>, OAuthErrorResult>> Create(
        HttpContext http, string tenant, TenantCatalog catalog, IGrainFactory grains, GrainCalls calls, TimeProvider time)
    {
        // The tenant as it is now (its identifier key, its mode), not as this gateway last cached it: a token minted
        // with the key of a tenant since deleted and created again would never work.
        if (TenantNames.IsValid(tenant))
        {
            catalog.Invalidate(tenant);
        }

        var runtime = TenantNames.IsValid(tenant) ? await catalog.FindAsync(tenant) : null;
        if (runtime is null)
        {
            return Error(TenantAdminEndpoints.NotFound(tenant));
        }

        var request = await AdminJson.ReadAsync<InitialAccessTokenRequest>(http.Request);
        if (!request.IsSuccess)
        {
            return Error(request.Error);
        }

        if (runtime.Policy.Mode != RegistrationMode.InitialAccessToken)
        {
            return Error(OAuthError.InvalidRequest(ErrorIds.AdminModeMismatch,
                $"the tenant's registration_mode is {RegistrationModes.ToWire(runtime.Policy.Mode)}; initial access tokens work in initial_access_token mode"));
        }

        var (expiresIn, maxUses, scopes) = (request.Value.ExpiresIn, request.Value.MaxUses, request.Value.AllowedScopes);
        if (expiresIn is not ({ } seconds and >= 1 and <= MaxExpiresIn))
        {
            return Error(AdminJson.Invalid($"expires_in must be between 1 and {MaxExpiresIn} seconds"));
        }

        if (maxUses is not ({ } uses and >= 1 and <= MaxUses))
        {
            return Error(AdminJson.Invalid($"max_uses must be between 1 and {MaxUses}"));
        }

        if (scopes?.FirstOrDefault(s => !ScopeSyntax.IsScopeToken(s) || !runtime.Policy.AllowsScope(s)) is { } scope)
        {
            return Error(AdminJson.Invalid($"allowed_scopes: '{(ScopeSyntax.IsScopeToken(scope) ? scope : "?")}' is not a scope the tenant allows"));
        }

        var token = runtime.Identifiers.NewInitialAccessToken(out var id);
        var expiresAt = time.GetUtcNow().AddSeconds(seconds);
        var issue = (Grain: grains.GetGrain<IInitialAccessTokensGrain>(tenant), id, token, expiresAt, uses, Scopes: (IReadOnlyList<string>?)scopes?.Distinct(StringComparer.Ordinal).ToArray());
        var created = await calls.RetryAsync(issue, c => c.Grain.Create(c.id, c.token, c.expiresAt, c.uses, c.Scopes), http.RequestAborted);
        if (created != InitialAccessTokenCreateStatus.Ok)
        {
            return Error(OAuthError.InvalidRequest(ErrorIds.AdminTokenLimit, "the tenant holds its maximum number of live initial access tokens; revoke some first"));
        }

        http.Features.Get<AdminContext>()!.Target = id;
        return TypedResults.Created($"{http.Request.PathBase}/admin/tenants/{tenant}/initial-access-tokens/{id}",
            new InitialAccessTokenCreated(id, token, expiresAt.ToUnixTimeSeconds(), uses, scopes));
    }

    private static async Task<Results<Ok<InitialAccessTokenList>, OAuthErrorResult>> List(HttpContext http, string tenant, TenantCatalog catalog, IGrainFactory grains, GrainCalls calls)
    {
        if (!TenantNames.IsValid(tenant) || await catalog.FindAsync(tenant) is null)
        {
            return Error(TenantAdminEndpoints.NotFound(tenant));
        }

        var tokens = await calls.RetryAsync(grains.GetGrain<IInitialAccessTokensGrain>(tenant), g => g.List(), http.RequestAborted);
        return TypedResults.Ok(new InitialAccessTokenList([.. tokens.Select(t => new InitialAccessTokenView(
            t.Id, t.ExpiresAt.ToUnixTimeSeconds(), t.MaxUses, t.Uses, t.CreatedAt.ToUnixTimeSeconds(), t.Revoked, t.AllowedScopes))]));
    }

    private static async Task<Results<NoContent, OAuthErrorResult>> Revoke(HttpContext http, string tenant, string id, TenantCatalog catalog, IGrainFactory grains, GrainCalls calls)
    {
        if (!TenantNames.IsValid(tenant) || await catalog.FindAsync(tenant) is null)
        {
            return Error(TenantAdminEndpoints.NotFound(tenant));
        }

        var revoked = await calls.RetryAsync((Grain: grains.GetGrain<IInitialAccessTokensGrain>(tenant), id), c => c.Grain.Revoke(c.id), http.RequestAborted);
        if (!revoked)
        {
            return Error(OAuthError.InvalidRequest(ErrorIds.AdminTokenNotFound, "there is no such initial access token"));
        }

        http.Features.Get<AdminContext>()!.Target = id;
        return TypedResults.NoContent();
    }

    private static OAuthErrorResult Error(OAuthError error) => new(error, EndpointKind.Admin);
}
