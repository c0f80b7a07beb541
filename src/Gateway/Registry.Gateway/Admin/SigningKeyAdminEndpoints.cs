using Microsoft.AspNetCore.Http.HttpResults;
using Registry.Gateway.Http;
using Registry.Gateway.Tenancy;
using Registry.Grains.Abstractions;
using Registry.Protocol.Tenancy;

namespace Registry.Gateway.Admin;

/// <summary>
/// /admin/tenants/{tenant}/signing-keys: list a tenant's published signing keys and rotate now (a key believed
/// compromised, or a drill). Tokens signed before a rotation keep validating until they expire; every gateway
/// learns of the new key through the tenant's change notification. Configured and runtime tenants alike.
/// </summary>
internal static class SigningKeyAdminEndpoints
{
    public static void Map(RouteGroupBuilder admin)
    {
        admin.MapGet("/tenants/{tenant}/signing-keys", List).WithMetadata(new AdminOperation(AdminOperation.SigningKeyList))
            .WithSummary("List a tenant's signing keys (current, next, previous)").Produces<SigningKeyList>();
        admin.MapPost("/tenants/{tenant}/signing-keys/rotate", Rotate).DisableAntiforgery().WithMetadata(new AdminOperation(AdminOperation.SigningKeyRotate))
            .WithSummary("Rotate a tenant's signing key now (the previous key stays published until its tokens expired)").Produces<SigningKeyList>();
    }

    private static async Task<Results<Ok<SigningKeyList>, OAuthErrorResult>> List(HttpContext http, string tenant, IGrainFactory grains, GrainCalls calls)
    {
        var keys = TenantNames.IsValid(tenant)
            ? await calls.RetryAsync(grains.GetGrain<ITenantGrain>(tenant), t => t.ListSigningKeys(), http.RequestAborted)
            : null;
        return Answer(keys, tenant);
    }

    private static async Task<Results<Ok<SigningKeyList>, OAuthErrorResult>> Rotate(HttpContext http, string tenant, IGrainFactory grains, TenantCatalog catalog)
    {
        if (!TenantNames.IsValid(tenant))
        {
            return Answer(null, tenant);
        }

        // Not retried: a rotation whose answer was lost must not rotate twice (the operator lists the keys to see).
        var keys = await grains.GetGrain<ITenantGrain>(tenant).RotateSigningKey();
        catalog.Invalidate(tenant);
        return Answer(keys, tenant);
    }

    private static Results<Ok<SigningKeyList>, OAuthErrorResult> Answer(SigningKeyInfo[]? keys, string tenant) => keys is null
        ? new OAuthErrorResult(TenantAdminEndpoints.NotFound(tenant), EndpointKind.Admin)
        : TypedResults.Ok(new SigningKeyList([.. keys.Select(k => new SigningKeyView(
            k.KeyId, k.Algorithm, k.Status, k.CreatedAt.ToUnixTimeSeconds(), k.ActivatesAt.ToUnixTimeSeconds(), k.RetiresAt?.ToUnixTimeSeconds()))]));
}
