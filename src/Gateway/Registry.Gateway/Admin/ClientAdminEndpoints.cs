using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Registry.Gateway.Http;
using Registry.Gateway.Tenancy;
using Registry.Grains.Abstractions;
using Registry.Protocol.Errors;
using Registry.Protocol.Json;
using Registry.Protocol.Metadata;
using Registry.Protocol.Tenancy;

namespace Registry.Gateway.Admin;

/// <summary>
/// /admin/tenants/{tenant}/clients: list a tenant's clients newest first through the client index (page by page,
/// stable cursors), read one (metadata and timestamps, never a hash or secret), disable, enable, delete.
/// </summary>
internal static class ClientAdminEndpoints
{
    private const int DefaultLimit = 50;
    private const int MaxLimit = 500;

    /// <summary>Filters longer than what the index keeps of a name (plain ASCII) could match more than they say: refused.</summary>
    private const int MaxFilterLength = 200;

    public static void Map(RouteGroupBuilder admin)
    {
        admin.MapGet("/tenants/{tenant}/clients", List).WithMetadata(new AdminOperation(AdminOperation.ClientList))
            .WithSummary("List a tenant's clients, newest first (filters: software_id, client_name prefix)").Produces<ClientList>();
        admin.MapGet("/tenants/{tenant}/clients/{clientId}", Read).WithMetadata(new AdminOperation(AdminOperation.ClientRead))
            .WithSummary("Read a client: its metadata, created_at, updated_at, last_used_at, disabled").Produces(StatusCodes.Status200OK, contentType: RequestBody.Json);
        admin.MapPost("/tenants/{tenant}/clients/{clientId}/disable", Disable).DisableAntiforgery().WithMetadata(new AdminOperation(AdminOperation.ClientDisable))
            .WithSummary("Disable a client: invalid_client at /token, 401 at its RFC 7592 endpoints").Produces(StatusCodes.Status200OK, contentType: RequestBody.Json);
        admin.MapPost("/tenants/{tenant}/clients/{clientId}/enable", Enable).DisableAntiforgery().WithMetadata(new AdminOperation(AdminOperation.ClientEnable))
            .WithSummary("Enable a disabled client").Produces(StatusCodes.Status200OK, contentType: RequestBody.Json);
        admin.MapDelete("/tenants/{tenant}/clients/{clientId}", Delete).WithMetadata(new AdminOperation(AdminOperation.ClientDelete))
            .WithSummary("Delete a client").Produces(StatusCodes.Status204NoContent);
        admin.MapPost("/tenants/{tenant}/clients/{clientId}/secret/rotate", RotateSecret).DisableAntiforgery().WithMetadata(new AdminOperation(AdminOperation.ClientSecretRotate))
            .WithSummary("Rotate a confidential client's secret: the new one is answered once; the previous one works for the tenant's secret_overlap_seconds")
            .Produces(StatusCodes.Status200OK, contentType: RequestBody.Json);
    }

    private static async Task<Results<Ok<ClientList>, OAuthErrorResult>> List(
        HttpContext http, string tenant, TenantCatalog catalog, IGrainFactory grains, GrainCalls calls, string? limit, string? cursor,
        [Microsoft.AspNetCore.Mvc.FromQuery(Name = "software_id")] string? softwareId,
        [Microsoft.AspNetCore.Mvc.FromQuery(Name = "client_name")] string? clientName)
    {
        if (!TenantNames.IsValid(tenant) || await catalog.FindAsync(tenant) is null)
        {
            return Error(TenantAdminEndpoints.NotFound(tenant));
        }

        long? from = null;
        if (cursor is not null)
        {
            if (!ClientListCursor.TryDecode(cursor, out var decoded))
            {
                return Error(OAuthError.InvalidRequest(ErrorIds.AdminParameterInvalid, "cursor must be a next_cursor answered before"));
            }

            from = decoded;
        }

        if (!AdminQuery.TryLimit(limit, DefaultLimit, MaxLimit, out var pageSize) || softwareId?.Length > MaxFilterLength || clientName?.Length > MaxFilterLength)
        {
            return Error(OAuthError.InvalidRequest(ErrorIds.AdminParameterInvalid, $"limit must be between 1 and {MaxLimit}; filters at most {MaxFilterLength} characters"));
        }

        var range = await calls.RetryAsync(grains.GetGrain<ITenantGrain>(tenant), t => t.ClientSequenceRange(), http.RequestAborted);
        var page = await ClientListing.ListAsync(grains, tenant, range.First, range.Next, from, pageSize, softwareId, clientName);
        return TypedResults.Ok(new ClientList(
            [.. page.Entries.Select(e => new ClientSummary(e.ClientId, e.ClientName, e.SoftwareId, e.CreatedAt.ToUnixTimeSeconds(), e.Disabled))],
            page.NextCursor is { } next ? ClientListCursor.Encode(next) : null));
    }

    private static async Task<Results<JsonPayloadResult<ClientDescription>, OAuthErrorResult>> Read(HttpContext http, string tenant, string clientId, TenantCatalog catalog, IGrainFactory grains, GrainCalls calls)
    {
        if (await FindAsync(http, tenant, clientId, catalog, grains) is not { } client)
        {
            return Error(NotFound);
        }

        var description = await calls.RetryAsync(client, c => c.Describe(), http.RequestAborted);
        return description is null ? Error(NotFound) : View(http, description);
    }

    private static Task<Results<JsonPayloadResult<ClientDescription>, OAuthErrorResult>> Disable(HttpContext http, string tenant, string clientId, TenantCatalog catalog, IGrainFactory grains, GrainCalls calls) =>
        SetDisabledAsync(http, tenant, clientId, catalog, grains, calls, disabled: true);

    private static Task<Results<JsonPayloadResult<ClientDescription>, OAuthErrorResult>> Enable(HttpContext http, string tenant, string clientId, TenantCatalog catalog, IGrainFactory grains, GrainCalls calls) =>
        SetDisabledAsync(http, tenant, clientId, catalog, grains, calls, disabled: false);

    private static async Task<Results<JsonPayloadResult<ClientDescription>, OAuthErrorResult>> SetDisabledAsync(
        HttpContext http, string tenant, string clientId, TenantCatalog catalog, IGrainFactory grains, GrainCalls calls, bool disabled)
    {
        if (await FindAsync(http, tenant, clientId, catalog, grains) is not { } client)
        {
            return Error(NotFound);
        }

        var status = await calls.RetryAsync((client, disabled), c => c.client.SetDisabled(c.disabled), http.RequestAborted);
        var description = status == ClientAdminStatus.Ok ? await calls.RetryAsync(client, c => c.Describe(), http.RequestAborted) : null;
        return description is null ? Error(NotFound) : View(http, description);
    }

    private static async Task<Results<NoContent, OAuthErrorResult>> Delete(HttpContext http, string tenant, string clientId, TenantCatalog catalog, IGrainFactory grains, GrainCalls calls)
    {
        if (await FindAsync(http, tenant, clientId, catalog, grains) is not { } client)
        {
            return Error(NotFound);
        }

        var status = await calls.RetryAsync(client, c => c.AdminDelete(), http.RequestAborted);
        return status == ClientAdminStatus.Ok ? TypedResults.NoContent() : Error(NotFound);
    }

    /// <summary>
    /// A new secret under the tenant's current policy (its lifetime and overlap), whatever its rotation setting: an
    /// operator rotates on demand (a leaked secret). The plain secret is in this one answer only (no-store).
    /// </summary>
    private static async Task<Results<JsonPayloadResult<RotatedSecret>, OAuthErrorResult>> RotateSecret(
        HttpContext http, string tenant, string clientId, TenantCatalog catalog, IGrainFactory grains, GrainCalls calls)
    {
        var runtime = TenantNames.IsValid(tenant) ? await catalog.FindAsync(tenant) : null;
        if (runtime is null || await FindAsync(http, tenant, clientId, catalog, grains) is not { } client)
        {
            return Error(NotFound);
        }

        var rotation = new SecretRotationRequest(Protocol.Security.Secrets.NewSecret(), runtime.Policy.SecretLifetimeSeconds, runtime.Policy.SecretOverlapSeconds);
        var result = await calls.RetryAsync((client, rotation), c => c.client.RotateSecret(c.rotation), http.RequestAborted);
        var rotated = new RotatedSecret(clientId, rotation.NewSecret, result.SecretExpiresAt, result.PreviousSecretExpiresAt);
        return result.Status switch
        {
            SecretRotationStatus.Rotated => new JsonPayloadResult<RotatedSecret>(StatusCodes.Status200OK, rotated, RotatedSecret.Write) { NoStore = true },
            SecretRotationStatus.PublicClient => Error(OAuthError.InvalidRequest(ErrorIds.AdminClientPublic, "this client is public (token_endpoint_auth_method none): it has no secret to rotate")),
            _ => Error(NotFound),
        };
    }

    /// <summary>The client's grain when the tenant exists and issued this id (its MAC verifies: a made-up id costs no grain call).</summary>
    private static async Task<IClientGrain?> FindAsync(HttpContext http, string tenant, string clientId, TenantCatalog catalog, IGrainFactory grains)
    {
        var runtime = TenantNames.IsValid(tenant) ? await catalog.FindAsync(tenant) : null;
        if (runtime is null || !runtime.Identifiers.IsClientId(clientId))
        {
            return null;
        }

        http.Features.Get<AdminContext>()!.Target = clientId;
        return grains.GetGrain<IClientGrain>(ClientKey.Of(tenant, clientId));
    }

    private static JsonPayloadResult<ClientDescription> View(HttpContext http, ClientDescription client) =>
        new(StatusCodes.Status200OK, client, Write) { NoStore = true };

    /// <summary>The client's registered metadata (as RFC 7592 reads it, without its credentials) and what the operator needs besides.</summary>
    private static void Write(Utf8JsonWriter w, ClientDescription client)
    {
        w.WriteStartObject();
        ClientInformationWriter.WriteMembers(w, new ClientInformation
        {
            ClientId = client.ClientId,
            ClientSecretExpiresAt = client.SecretExpiresAt,
            ClientIdIssuedAt = client.CreatedAt.ToUnixTimeSeconds(),
            RegistrationAccessToken = "",
            CreatedAt = client.CreatedAt,
            UpdatedAt = client.UpdatedAt,
            Metadata = client.Metadata,
        }, registrationClientUri: null);
        w.WriteNumber("created_at", client.CreatedAt.ToUnixTimeSeconds());
        w.WriteNumber("updated_at", client.UpdatedAt.ToUnixTimeSeconds());
        if (client.LastUsedAt is { } lastUsed)
        {
            w.WriteNumber("last_used_at", lastUsed.ToUnixTimeSeconds());
        }
        else
        {
            w.WriteNull("last_used_at");
        }

        w.WriteBoolean("disabled", client.DisabledAt is not null);
        if (client.DisabledAt is { } disabledAt)
        {
            w.WriteNumber("disabled_at", disabledAt.ToUnixTimeSeconds());
        }

        w.WriteEndObject();
    }

    private static readonly OAuthError NotFound = OAuthError.InvalidRequest(ErrorIds.AdminClientNotFound, "there is no such client in this tenant");

    private static OAuthErrorResult Error(OAuthError error) => new(error, EndpointKind.Admin);
}
