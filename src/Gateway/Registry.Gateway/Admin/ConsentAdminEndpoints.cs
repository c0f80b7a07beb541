using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Registry.Gateway.Http;
using Registry.Gateway.Tenancy;
using Registry.Grains.Abstractions;
using Registry.Protocol.Errors;
using Registry.Protocol.Tenancy;

namespace Registry.Gateway.Admin;

/// <summary>
/// /admin/tenants/{tenant}/subjects/{subject}/consents: what a user (their subject at the tenant's upstream provider)
/// approved, per client, and withdrawing an approval — the user is then asked again at the next authorization. Tokens
/// already issued are not revoked by this.
/// </summary>
internal static class ConsentAdminEndpoints
{
    private const int MaxSubjectLength = 255;

    public static void Map(RouteGroupBuilder admin)
    {
        admin.MapGet("/tenants/{tenant}/subjects/{subject}/consents", List).WithMetadata(new AdminOperation(AdminOperation.ConsentList))
            .WithSummary("List a user's remembered approvals (consents), per client").Produces(StatusCodes.Status200OK, contentType: RequestBody.Json);
        admin.MapDelete("/tenants/{tenant}/subjects/{subject}/consents/{clientId}", Revoke).WithMetadata(new AdminOperation(AdminOperation.ConsentRevoke))
            .WithSummary("Withdraw a user's approval of a client: the consent page is shown again next time").Produces(StatusCodes.Status204NoContent);
    }

    private static async Task<Results<JsonPayloadResult<ConsentRecord[]>, OAuthErrorResult>> List(
        HttpContext http, string tenant, string subject, TenantCatalog catalog, IGrainFactory grains, GrainCalls calls)
    {
        if (await FindAsync(tenant, subject, catalog, grains) is not { } consents)
        {
            return Error(TenantAdminEndpoints.NotFound(tenant));
        }

        var records = await calls.RetryAsync(consents, c => c.List(), http.RequestAborted);
        return new JsonPayloadResult<ConsentRecord[]>(StatusCodes.Status200OK, records, Write) { NoStore = true };
    }

    private static async Task<Results<NoContent, OAuthErrorResult>> Revoke(
        HttpContext http, string tenant, string subject, string clientId, TenantCatalog catalog, IGrainFactory grains, GrainCalls calls)
    {
        if (await FindAsync(tenant, subject, catalog, grains) is not { } consents)
        {
            return Error(TenantAdminEndpoints.NotFound(tenant));
        }

        http.Features.Get<AdminContext>()!.Target = clientId;
        var revoked = clientId.Length <= 256 && await calls.RetryAsync((consents, clientId), c => c.consents.Revoke(c.clientId), http.RequestAborted);
        return revoked
            ? TypedResults.NoContent()
            : Error(new OAuthError(OAuthErrorCodes.InvalidRequest, ErrorIds.AdminConsentNotFound, "this user has no approval of this client"));
    }

    private static async Task<IConsentGrain?> FindAsync(string tenant, string subject, TenantCatalog catalog, IGrainFactory grains)
    {
        var runtime = TenantNames.IsValid(tenant) && subject.Length is > 0 and <= MaxSubjectLength ? await catalog.FindAsync(tenant) : null;
        return runtime is null ? null : grains.GetGrain<IConsentGrain>(AuthorizationKeys.Consent(tenant, subject));
    }

    private static void Write(Utf8JsonWriter w, ConsentRecord[] records)
    {
        w.WriteStartObject();
        w.WriteStartArray("consents");
        foreach (var record in records)
        {
            w.WriteStartObject();
            w.WriteString("subject", record.Subject);
            w.WriteString("client_id", record.ClientId);
            WriteArray(w, "scopes", record.Scopes);
            WriteArray(w, "resources", record.Resources);
            w.WriteNumber("granted_at", record.GrantedAt.ToUnixTimeSeconds());
            w.WriteNumber("updated_at", record.UpdatedAt.ToUnixTimeSeconds());
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteArray(Utf8JsonWriter w, string name, string[] values)
    {
        w.WriteStartArray(name);
        foreach (var value in values)
        {
            w.WriteStringValue(value);
        }

        w.WriteEndArray();
    }

    private static OAuthErrorResult Error(OAuthError error) => new(error, EndpointKind.Admin);
}
